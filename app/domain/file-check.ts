/**
 * Decides whether an uploaded file may be stored as evidence. The type is judged from the file's
 * first bytes, never from its name or the browser's claimed type, and the name must agree with it.
 */

export type UploadKind = "pdf" | "png" | "jpeg" | "docx";

/** An upload that passed every check, with the type its content proved and a name safe to serve it under. */
export interface CheckedUpload {
  ok: true;
  kind: UploadKind;
  mime: string;
  safeName: string;
}

export type UploadCheck = CheckedUpload | { ok: false; message: string };

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Up to four full-size files and the text of the form in one request. */
export const MAX_UPLOAD_REQUEST_BYTES = 4 * MAX_UPLOAD_BYTES + 2 * 1024 * 1024;
const MAX_NAME_LENGTH = 100;

interface KindInfo {
  label: string;
  mime: string;
  extensions: readonly string[];
}

const KINDS: Record<UploadKind, KindInfo> = {
  pdf: { label: "a PDF", mime: "application/pdf", extensions: ["pdf"] },
  png: { label: "a PNG image", mime: "image/png", extensions: ["png"] },
  jpeg: { label: "a JPEG image", mime: "image/jpeg", extensions: ["jpg", "jpeg"] },
  docx: {
    label: "a Word document",
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
  },
};

const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04]; // "PK\x03\x04"

// ZIP layout (APPNOTE.TXT): the end-of-central-directory record points at the list of entry names.
const END_OF_DIRECTORY_SIGNATURE = 0x06054b50;
const END_OF_DIRECTORY_SIZE = 22;
const MAX_ZIP_COMMENT = 0xffff;
const DIRECTORY_ENTRY_SIGNATURE = 0x02014b50;
const DIRECTORY_ENTRY_SIZE = 46;

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/** Entry names from the ZIP central directory, or null when the archive structure cannot be read. */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const earliest = Math.max(0, bytes.length - END_OF_DIRECTORY_SIZE - MAX_ZIP_COMMENT);
  let end = bytes.length - END_OF_DIRECTORY_SIZE;
  while (end >= earliest && view.getUint32(end, true) !== END_OF_DIRECTORY_SIGNATURE) end -= 1;
  if (end < earliest) return null;

  const entryCount = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const names: string[] = [];
  for (let i = 0; i < entryCount; i += 1) {
    if (offset + DIRECTORY_ENTRY_SIZE > end || view.getUint32(offset, true) !== DIRECTORY_ENTRY_SIGNATURE) return null;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const nameStart = offset + DIRECTORY_ENTRY_SIZE;
    if (nameStart + nameLength > end) return null;
    names.push(decoder.decode(bytes.subarray(nameStart, nameStart + nameLength)));
    offset = nameStart + nameLength + extraLength + commentLength;
  }
  return names;
}

/** A Word document is a ZIP holding a content-types manifest and a word/ folder; other ZIPs are refused. */
function isWordDocument(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, ZIP_LOCAL_HEADER)) return false;
  const names = zipEntryNames(bytes);
  return names !== null && names.includes("[Content_Types].xml") && names.some((name) => name.startsWith("word/"));
}

function detectKind(bytes: Uint8Array): UploadKind | null {
  if (startsWith(bytes, PDF_SIGNATURE)) return "pdf";
  if (startsWith(bytes, PNG_SIGNATURE)) return "png";
  if (startsWith(bytes, JPEG_SIGNATURE)) return "jpeg";
  if (isWordDocument(bytes)) return "docx";
  return null;
}

// Control and invisible formatting characters (including right-to-left overrides that disguise extensions).
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}]/u;

function hasUnsafeName(name: string): boolean {
  return name.includes("/") || name.includes("\\") || name.includes("..") || HIDDEN_CHARACTERS.test(name);
}

function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf(".");
  if (dot === -1) return { stem: name, extension: "" };
  return { stem: name.slice(0, dot), extension: name.slice(dot + 1).toLowerCase() };
}

/** ASCII-only name for downloads: accents dropped, spaces become dashes, anything else unusual removed. */
function downloadSafeStem(stem: string, maxLength: number): string {
  const safe = stem
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/\s+/g, "-")
    .replace(/[^A-Za-z0-9._-]/g, "")
    .replace(/([-._])[-._]+/g, "$1")
    .replace(/^[-._]+|[-._]+$/g, "")
    .slice(0, maxLength)
    .replace(/[-._]+$/, "");
  return safe || "evidence";
}

function extensionMessage(info: KindInfo): string {
  const endings = info.extensions.map((extension) => `.${extension}`).join(" or ");
  return `The selected file is ${info.label}, so its name must end in ${endings}`;
}

export function checkUpload(file: { name: string; bytes: Uint8Array }): UploadCheck {
  const name = file.name.trim();
  if (hasUnsafeName(name)) {
    return { ok: false, message: "The file name must not contain slashes, two dots in a row or hidden characters" };
  }
  if (file.bytes.length === 0) return { ok: false, message: "The selected file is empty" };
  if (file.bytes.length > MAX_UPLOAD_BYTES)
    return { ok: false, message: "The selected file must be smaller than 10MB" };

  const kind = detectKind(file.bytes);
  if (kind === null) return { ok: false, message: "The selected file must be a PDF, PNG, JPEG or DOCX" };

  const info = KINDS[kind];
  const { stem, extension } = splitExtension(name);
  if (!info.extensions.includes(extension)) return { ok: false, message: extensionMessage(info) };

  const safeStem = downloadSafeStem(stem, MAX_NAME_LENGTH - extension.length - 1);
  return { ok: true, kind, mime: info.mime, safeName: `${safeStem}.${extension}` };
}
