// Setup file: after a file's last test and its own afterAll hooks (which stop its servers: hooks after
// run in reverse order), its test folders go (test-folders.ts).
import { afterAll } from 'vitest';
import { removeTestFolders } from './test-folders.ts';

afterAll(removeTestFolders);
