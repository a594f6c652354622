// A staffing warning as the page shows it: the server's message in the viewer's language, with the
// queue id it starts with ("队列 returns:" / "queue returns:") replaced by the queue's name.
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function warningText(message: string, queues: readonly string[], name: (queue: string) => string): string {
  const queue = queues[0];
  if (!queue) return message;
  return message.replace(new RegExp(`^(队列|queue) ${escapeRegExp(queue)}:`), (_whole, word: string) => `${word} ${name(queue)}:`);
}
