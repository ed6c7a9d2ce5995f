import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tarChunks, tarHeader } from "~/domain/tar";

describe("tar archive", () => {
  it("is read back whole by the system tar", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tar-test-"));
    const big = new Uint8Array(1300).map((_, i) => i % 251);
    const entries = [
      {
        name: "personal-data.json",
        bytes: new TextEncoder().encode('{"name":"Siân"}'),
        modified: new Date("2026-01-02T03:04:05Z"),
      },
      { name: "attachments/7-certificate.pdf", bytes: big, modified: new Date("2026-01-02T03:04:05Z") },
      { name: "empty.txt", bytes: new Uint8Array(0), modified: new Date("2026-01-02T03:04:05Z") },
    ];
    fs.writeFileSync(path.join(dir, "a.tar"), Buffer.concat([...tarChunks(entries)]));
    expect(execFileSync("tar", ["-tf", "a.tar"], { cwd: dir, encoding: "utf8" }).trim().split("\n")).toEqual(
      entries.map((e) => e.name),
    );
    execFileSync("tar", ["-xf", "a.tar"], { cwd: dir });
    for (const e of entries) expect(new Uint8Array(fs.readFileSync(path.join(dir, e.name)))).toEqual(e.bytes);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses names a ustar header cannot hold", () => {
    expect(() => tarHeader({ name: "a".repeat(101), size: 0, modified: new Date() })).toThrow();
    expect(() => tarHeader({ name: "Siân.pdf", size: 0, modified: new Date() })).toThrow();
  });
});
