import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';

/** The first line of stdin (`--password-stdin`: `echo "$PW" | pnpm printfloor user add …`). */
export async function passwordFromStdin(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

/** Asks on the terminal without echoing what is typed; twice, so a typo is caught. */
export async function promptPassword(label = 'Password'): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('no terminal to ask for a password: use --password-stdin');
  const ask = async (q: string) => {
    let muted = false;
    const output: Writable = Object.assign(Object.create(process.stdout) as Writable, {
      write: (chunk: string | Uint8Array, ...rest: unknown[]) =>
        muted
          ? true
          : (process.stdout.write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest),
    });
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    const answer = new Promise<string>((resolve) => rl.question(q, resolve));
    muted = true;
    const a = await answer;
    rl.close();
    process.stdout.write('\n');
    return a;
  };
  const first = await ask(`${label}: `);
  const second = await ask(`${label} (again): `);
  if (first !== second) throw new Error('the two passwords differ');
  return first;
}
