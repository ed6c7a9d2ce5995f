/**
 * A POSIX ustar archive, written without a dependency: a 512-byte header per file, its content padded to 512 bytes,
 * two empty blocks at the end. Names must be ASCII and at most 100 bytes (the callers choose them).
 */
const BLOCK = 512;

export interface TarEntry {
  name: string;
  bytes: Uint8Array;
  modified: Date;
}

function field(header: Uint8Array, offset: number, length: number, text: string) {
  header.set(new TextEncoder().encode(text).subarray(0, length), offset);
}

const octal = (value: number, length: number) => `${value.toString(8).padStart(length - 1, "0")}\0`;

export function tarHeader(entry: { name: string; size: number; modified: Date }): Uint8Array {
  if (!/^[\x20-\x7e]{1,100}$/.test(entry.name))
    throw new Error(`tar entry name must be 1 to 100 printable ASCII characters: ${entry.name}`);
  const header = new Uint8Array(BLOCK);
  field(header, 0, 100, entry.name);
  field(header, 100, 8, octal(0o644, 8));
  field(header, 108, 8, octal(0, 8));
  field(header, 116, 8, octal(0, 8));
  field(header, 124, 12, octal(entry.size, 12));
  field(header, 136, 12, octal(Math.floor(entry.modified.getTime() / 1000), 12));
  field(header, 148, 8, "        "); // the checksum is summed with its own field as spaces
  field(header, 156, 1, "0");
  field(header, 257, 6, "ustar\0");
  field(header, 263, 2, "00");
  const sum = header.reduce((a, b) => a + b, 0);
  field(header, 148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return header;
}

/** The archive as a sequence of chunks, so large files need not be joined into one buffer. */
export function* tarChunks(entries: Iterable<TarEntry>): Generator<Uint8Array> {
  for (const entry of entries) {
    yield tarHeader({ name: entry.name, size: entry.bytes.byteLength, modified: entry.modified });
    yield entry.bytes;
    const padding = (BLOCK - (entry.bytes.byteLength % BLOCK)) % BLOCK;
    if (padding) yield new Uint8Array(padding);
  }
  yield new Uint8Array(BLOCK * 2);
}
