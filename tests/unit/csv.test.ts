import { describe, expect, it } from "vitest";
import { toCsv } from "~/domain/csv";
import { readCsv } from "../support/csv";

describe("toCsv", () => {
  it("writes plain cells unquoted, separated by commas, with CRLF after every row", () => {
    expect(
      toCsv([
        ["Name", "Role"],
        ["Amy Jones", "Care coordinator"],
      ]),
    ).toBe("Name,Role\r\nAmy Jones,Care coordinator\r\n");
  });

  it("quotes cells containing commas, quotes or line breaks and doubles the quotes", () => {
    expect(toCsv([["Smith, Jo", 'She said "yes"', "line one\nline two", "a\r\nb"]])).toBe(
      '"Smith, Jo","She said ""yes""","line one\nline two","a\r\nb"\r\n',
    );
  });

  it("round-trips awkward text through a strict reader", () => {
    const rows = [
      ["Title", "Reflection"],
      ['"Quoted" start', 'ends with a quote"'],
      ["multi\nline\r\nnotes", ",,,"],
      ["", "  padded  "],
    ];
    expect(readCsv(toCsv(rows))).toEqual(rows);
  });

  it("keeps Unicode names intact", () => {
    const rows = [["Siân Ní Bhriain", "Zoë", "Łukasz Wójcik", "李华"]];
    expect(readCsv(toCsv(rows))).toEqual(rows);
  });

  it("adds a UTF-8 byte order mark only when asked", () => {
    const rows = [["Zoë"]];
    expect(toCsv(rows, { byteOrderMark: true })).toBe("\uFEFFZoë\r\n");
    expect(new TextEncoder().encode(toCsv(rows, { byteOrderMark: true })).slice(0, 3)).toEqual(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    );
    expect(toCsv(rows).startsWith("\uFEFF")).toBe(false);
  });

  it.each([
    ['=HYPERLINK("http://evil.example","Click")'],
    ["+44 7700 900123"],
    ["-2+3"],
    ["@SUM(A1:A2)"],
    ["\t=1+1"],
    ["\r=1+1"],
  ])("stops a spreadsheet treating %j as a formula", (cell) => {
    const [[written]] = readCsv(toCsv([[cell]])) as [[string]];
    expect(written).toBe(`'${cell}`);
  });

  it("leaves cells alone when the risky character is not at the start", () => {
    const rows = [["a=b", "1+1", "jo@example.nhs.uk", "3 - 4"]];
    expect(readCsv(toCsv(rows))).toEqual(rows);
  });

  it("writes nothing for no rows and an empty field for an empty cell", () => {
    expect(toCsv([])).toBe("");
    expect(toCsv([[""], ["", ""]])).toBe("\r\n,\r\n");
  });
});
