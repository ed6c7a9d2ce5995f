import { describe, expect, it } from "vitest";
import { parseImportDate } from "~/domain/training-import";
import { readImportFile } from "~/domain/training-import-file";

describe("dates in an imported file", () => {
  it.each([
    ["30-Nov-2028", "2028-11-30"],
    ["1-MAR-2025", "2025-03-01"],
    ["30/11/2028", "2028-11-30"],
    ["2028-11-30", "2028-11-30"],
  ])("reads %s as %s", (text, iso) => expect(parseImportDate(text)).toBe(iso));

  it.each(["31-Feb-2025", "30-Nox-2028", "11/30/2028", "2028-13-01", "next Tuesday", ""])("refuses %s", (text) =>
    expect(parseImportDate(text)).toBeNull(),
  );
});

describe("reading a file", () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it("finds the ESR columns whatever their order and case, and keeps each row's line", () => {
    const read = readImportFile(
      encode(
        "DATE START,competency name,Expiry Date,Email Address\n\n01-Jan-2025,NHS|CSTF|Fire Safety - 2 Years|,01-Jan-2027,a@b.example\n",
      ),
    );
    expect(read).toEqual({
      ok: true,
      layout: "esr",
      rows: [
        {
          line: 3,
          email: "a@b.example",
          staffNumber: "",
          training: "NHS|CSTF|Fire Safety - 2 Years|",
          completedOn: "01-Jan-2025",
          expiresOn: "01-Jan-2027",
        },
      ],
    });
  });

  it("reads the template, byte order mark and all", () => {
    const read = readImportFile(
      encode("\uFEFFEmail address,Staff number,Training,Completed on\r\n,123,fire-safety,2025-01-01\r\n"),
    );
    expect(read.ok && read.layout).toBe("template");
    expect(read.ok && read.rows[0]!.staffNumber).toBe("123");
  });
});
