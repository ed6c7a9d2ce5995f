import { describe, expect, it } from "vitest";
import { checkUpload, MAX_UPLOAD_BYTES } from "~/domain/file-check";

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function bytesStarting(signature: number[], totalLength = 64): Uint8Array {
  const bytes = new Uint8Array(totalLength);
  bytes.set(signature);
  return bytes;
}

const pdf = () => bytesStarting(ascii("%PDF-1.7\n"));
const png = () => bytesStarting([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const jpeg = () => bytesStarting([0xff, 0xd8, 0xff, 0xe0]);
const windowsProgram = () => bytesStarting(ascii("MZ"));

/** A minimal stored (uncompressed) ZIP archive of empty entries, laid out as APPNOTE.TXT describes. */
function zipOf(names: string[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: number[] = [];
  const directory: number[] = [];
  const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
  const u32 = (n: number) => [...u16(n & 0xffff), ...u16(n >>> 16)];
  for (const name of names) {
    const encoded = [...encoder.encode(name)];
    const localOffset = chunks.length;
    chunks.push(...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(0), ...u32(0));
    chunks.push(...u16(encoded.length), ...u16(0), ...encoded);
    directory.push(...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0), ...u16(0), ...u32(0), ...u32(0));
    directory.push(...u32(0), ...u32(0), ...u16(encoded.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0));
    directory.push(...u32(0), ...u32(localOffset), ...encoded);
  }
  const directoryOffset = chunks.length;
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(names.length), ...u16(names.length)];
  end.push(...u32(directory.length), ...u32(directoryOffset), ...u16(0));
  return new Uint8Array([...chunks, ...directory, ...end]);
}

const docx = () => zipOf(["[Content_Types].xml", "_rels/.rels", "word/document.xml", "docProps/core.xml"]);

const messageFor = (name: string, bytes: Uint8Array) => {
  const result = checkUpload({ name, bytes });
  return result.ok ? null : result.message;
};

describe("checkUpload recognises the four allowed types by content", () => {
  it.each([
    ["certificate.pdf", pdf, "pdf", "application/pdf"],
    ["photo.png", png, "png", "image/png"],
    ["scan.jpg", jpeg, "jpeg", "image/jpeg"],
    ["scan.jpeg", jpeg, "jpeg", "image/jpeg"],
    ["SCAN.JPG", jpeg, "jpeg", "image/jpeg"],
    ["reflection.docx", docx, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  ] as const)("accepts %s", (name, bytes, kind, mime) => {
    expect(checkUpload({ name, bytes: bytes() })).toMatchObject({ ok: true, kind, mime });
  });

  it("reads a Word document held in a view on a larger buffer (as Node buffers often are)", () => {
    const inner = docx();
    const pool = new Uint8Array(inner.length + 100);
    pool.set(inner, 37);
    expect(checkUpload({ name: "a.docx", bytes: pool.subarray(37, 37 + inner.length) })).toMatchObject({
      ok: true,
      kind: "docx",
    });
  });

  it("refuses content that is none of them, whatever the name says", () => {
    expect(messageFor("certificate.pdf", windowsProgram())).toBe("The selected file must be a PDF, PNG, JPEG or DOCX");
    expect(messageFor("notes.docx", bytesStarting(ascii("plain text notes")))).toBe(
      "The selected file must be a PDF, PNG, JPEG or DOCX",
    );
  });

  it("refuses a ZIP that is not a Word document", () => {
    const refusal = "The selected file must be a PDF, PNG, JPEG or DOCX";
    expect(messageFor("bundle.docx", zipOf(["payload.exe", "readme.txt"]))).toBe(refusal);
    expect(messageFor("bundle.docx", zipOf(["word/document.xml"]))).toBe(refusal);
    expect(messageFor("sheet.docx", zipOf(["[Content_Types].xml", "xl/workbook.xml"]))).toBe(refusal);
  });

  it("refuses a damaged ZIP whose directory cannot be read", () => {
    const truncated = docx().subarray(0, 120);
    expect(messageFor("reflection.docx", truncated)).toBe("The selected file must be a PDF, PNG, JPEG or DOCX");
  });
});

describe("checkUpload size limits", () => {
  it("refuses an empty file", () => {
    expect(messageFor("empty.pdf", new Uint8Array(0))).toBe("The selected file is empty");
  });

  it("accepts exactly 10MB and refuses one byte more", () => {
    expect(MAX_UPLOAD_BYTES).toBe(10 * 1024 * 1024);
    expect(checkUpload({ name: "big.pdf", bytes: bytesStarting(ascii("%PDF-"), MAX_UPLOAD_BYTES) }).ok).toBe(true);
    expect(messageFor("big.pdf", bytesStarting(ascii("%PDF-"), MAX_UPLOAD_BYTES + 1))).toBe(
      "The selected file must be smaller than 10MB",
    );
  });
});

describe("checkUpload file names", () => {
  it("requires the extension to match the content", () => {
    expect(messageFor("photo.pdf", png())).toBe("The selected file is a PNG image, so its name must end in .png");
    expect(messageFor("scan.png", jpeg())).toBe(
      "The selected file is a JPEG image, so its name must end in .jpg or .jpeg",
    );
    expect(messageFor("certificate", pdf())).toBe("The selected file is a PDF, so its name must end in .pdf");
  });

  it("refuses double extensions that hide the real type", () => {
    expect(messageFor("report.pdf.exe", pdf())).toBe("The selected file is a PDF, so its name must end in .pdf");
    expect(messageFor("x.exe.pdf", windowsProgram())).toBe("The selected file must be a PDF, PNG, JPEG or DOCX");
  });

  it("accepts a name with extra dots when the last extension matches the content", () => {
    expect(checkUpload({ name: "x.exe.pdf", bytes: pdf() })).toMatchObject({ ok: true, kind: "pdf" });
  });

  it.each([
    "../secret.pdf",
    "folder/file.pdf",
    "folder\\file.pdf",
    "notes..pdf",
    "a\u0000.pdf",
    "line\nbreak.pdf",
    "tab\there.pdf",
    "gpj\u202Eevil.pdf",
  ])("refuses the unsafe name %j", (name) => {
    expect(messageFor(name, pdf())).toBe(
      "The file name must not contain slashes, two dots in a row or hidden characters",
    );
  });
});

describe("checkUpload safe download names", () => {
  const safeName = (name: string, bytes: Uint8Array = pdf()) => {
    const result = checkUpload({ name, bytes });
    if (!result.ok) throw new Error(result.message);
    return result.safeName;
  };

  it("turns spaces into dashes and drops punctuation", () => {
    expect(safeName("My CPD reflection (final).pdf")).toBe("My-CPD-reflection-final.pdf");
    expect(safeName("  padded name .pdf  ")).toBe("padded-name.pdf");
  });

  it("keeps accented names readable in plain ASCII", () => {
    expect(safeName("Siân Ní Bhriain – certificate.PDF")).toBe("Sian-Ni-Bhriain-certificate.pdf");
    expect(safeName("Zoë.jpeg", jpeg())).toBe("Zoe.jpeg");
  });

  it("keeps the user's extension for the detected type, in lower case", () => {
    expect(safeName("scan.JPG", jpeg())).toBe("scan.jpg");
    expect(safeName("Report_v1.2.docx", docx())).toBe("Report_v1.2.docx");
  });

  it("falls back to a generic name when nothing usable is left", () => {
    expect(safeName("证书.pdf")).toBe("evidence.pdf");
    expect(safeName(".pdf")).toBe("evidence.pdf");
  });

  it("never exceeds 100 characters and keeps the extension", () => {
    const name = safeName(`${"very long title ".repeat(20)}.docx`, docx());
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name).toMatch(/^very-long-title-.*[a-z]\.docx$/);
  });

  it("only ever uses letters, digits, dots, dashes and underscores", () => {
    for (const raw of ["a&b=c;d.pdf", "<script>.pdf", "résumé 2026 #1.pdf", "naïve—name’s.pdf"]) {
      expect(safeName(raw)).toMatch(/^[A-Za-z0-9._-]+$/);
    }
  });
});
