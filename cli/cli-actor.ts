// Who acts from the command line, as versions, tokens and alert acknowledgements record it.
import { userInfo } from 'node:os';

/** cli:<user>, or plain `cli` where the user has no name (userInfo throws without a passwd entry). */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
