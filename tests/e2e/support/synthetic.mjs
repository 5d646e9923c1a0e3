// Test media made on the fly: a PNG with a red square (encoded here, no dependencies)
// and a large MP4 on disk whose header sniffs as video.
import { deflateSync } from 'node:zlib';
import { open } from 'node:fs/promises';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An RGB PNG of `width` x `height`, white, with `rect` = {x, y, w, h} filled in `rgb`. */
export function pngWithRect(width, height, rect, rgb = [230, 20, 20]) {
  const raw = Buffer.alloc((width * 3 + 1) * height, 255);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = rect.x; x < rect.x + rect.w; x++) {
      if (y < rect.y || y >= rect.y + rect.h) continue;
      const at = y * (width * 3 + 1) + 1 + x * 3;
      raw[at] = rgb[0];
      raw[at + 1] = rgb[1];
      raw[at + 2] = rgb[2];
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function box(type, ...parts) {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'ascii');
  return Buffer.concat([head, body]);
}

/**
 * Writes an MP4 of exactly `size` bytes at `path`: a real `ftyp` and `moov/mvhd` header
 * (so browsers and servers sniff it as video/mp4 and read a duration of `seconds`) and an
 * `mdat` box filling the rest (sparse zeros: cheap to make, real bytes to upload).
 */
export async function writeMp4(path, size, seconds = 42) {
  const ftyp = box('ftyp', Buffer.from('isom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2mp41'));
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12); // timescale
  mvhd.writeUInt32BE(seconds * 1000, 16); // duration
  mvhd.writeUInt32BE(0x00010000, 20); // rate 1.0
  mvhd.writeUInt16BE(0x0100, 24); // volume 1.0
  mvhd.writeUInt32BE(2, 96); // next track id
  const moov = box('moov', box('mvhd', mvhd));
  const head = Buffer.concat([ftyp, moov]);
  const mdatHeader = Buffer.alloc(8);
  mdatHeader.writeUInt32BE(size - head.length, 0);
  mdatHeader.write('mdat', 4, 'ascii');
  const file = await open(path, 'w');
  try {
    await file.write(Buffer.concat([head, mdatHeader]), 0);
    await file.truncate(size);
  } finally {
    await file.close();
  }
}
