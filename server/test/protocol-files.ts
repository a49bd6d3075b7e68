import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { MdEntry } from '../../shared/test/protocol-support.ts';
import { tempDir } from './helpers.ts';

// Reads the binary protocol formats back as a reader would, to compare them
// with the Markdown outline (shared/test/protocol-support.ts): a DOCX through
// its zip container and WordprocessingML, a PDF through Debian's poppler-utils
// (`pdfinfo -struct-text` prints the tagged structure tree with each
// element's text, `pdftotext` the page text). No library of the writers is
// used to read their own output.

// ---- zip ---------------------------------------------------------------------

/** The files of a zip archive (stored or deflated entries), read from its central directory. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('broken central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + compressed);
    if (method !== 0 && method !== 8) throw new Error(`${name}: compression method ${method}`);
    files.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

// ---- XML ---------------------------------------------------------------------

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const value = ENTITIES[name];
    if (value === undefined) throw new Error(`unknown entity ${whole}`);
    return value;
  });
}

/**
 * A strict little XML parser for the parts of a DOCX: elements, attributes,
 * text and the five entities; a tag that does not close or closes the wrong
 * element throws, so a file broken by unescaped text fails the test.
 */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack = [root];
  const token = /<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<!--[\s\S]*?-->|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of xml.matchAll(token)) {
    const top = stack[stack.length - 1] as XmlElement;
    if (m[6]) throw new Error(`stray "<" at ${m.index}`);
    if (m[5] !== undefined) {
      if (stack.length > 1) top.children.push(decodeEntities(m[5]));
      else if (m[5].trim()) throw new Error('text outside the root element');
    } else if (m[1]) {
      if (top.name !== m[1]) throw new Error(`</${m[1]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of (m[3] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        attrs[a[1] as string] = decodeEntities(a[2] ?? a[3] ?? '');
      }
      const element: XmlElement = { name: m[2], attrs, children: [] };
      top.children.push(element);
      if (!m[4]) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]?.name}> is not closed`);
  return root;
}

export function elements(node: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (n: XmlElement) => {
    for (const child of n.children) {
      if (typeof child === 'string') continue;
      if (child.name === name) out.push(child);
      walk(child);
    }
  };
  walk(node);
  return out;
}

export function child(node: XmlElement | undefined, name: string): XmlElement | undefined {
  return node?.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

// ---- DOCX --------------------------------------------------------------------

export interface DocxParagraph {
  /** The paragraph style (w:pStyle), '' for none. */
  style: string;
  /** The numbering it belongs to (w:numPr/w:numId), or null for no list. */
  numId: string | null;
  /** Text as Word shows it: w:t, w:br as a line break, w:tab as a tab. */
  text: string;
  /** Per run with text: 'b', 'i' or '' (plain). */
  emphasis: string[];
}

export function docxParts(docx: Buffer): { files: Map<string, Buffer>; xml(name: string): XmlElement } {
  const files = unzip(docx);
  return {
    files,
    xml(name) {
      const file = files.get(name);
      if (!file) throw new Error(`${name} is not in the DOCX`);
      return parseXml(file.toString('utf8'));
    },
  };
}

export function docxParagraphs(docx: Buffer): DocxParagraph[] {
  const body = child(child(docxParts(docx).xml('word/document.xml'), 'w:document'), 'w:body');
  if (!body) throw new Error('no w:body');
  return elements(body, 'w:p').map((p) => {
    const pPr = child(p, 'w:pPr');
    let text = '';
    const emphasis: string[] = [];
    for (const r of elements(p, 'w:r')) {
      const rPr = child(r, 'w:rPr');
      let runText = '';
      for (const c of r.children) {
        if (typeof c === 'string') continue;
        if (c.name === 'w:t') runText += c.children.join('');
        else if (c.name === 'w:br') runText += '\n';
        else if (c.name === 'w:tab') runText += '\t';
      }
      text += runText;
      if (runText) emphasis.push(child(rPr, 'w:b') ? 'b' : child(rPr, 'w:i') ? 'i' : '');
    }
    return {
      style: child(pPr, 'w:pStyle')?.attrs['w:val'] ?? '',
      numId: child(child(pPr, 'w:numPr'), 'w:numId')?.attrs['w:val'] ?? null,
      text,
      emphasis,
    };
  });
}

/** The DOCX as the flat outline markdownOutline gives (headings by Heading style, items by numbering). */
export function docxOutline(docx: Buffer): Omit<MdEntry, 'marks'>[] {
  const path: { level: number; text: string }[] = [];
  return docxParagraphs(docx).map((p) => {
    const heading = /^Heading([1-6])$/.exec(p.style);
    if (heading) {
      const level = Number(heading[1]);
      while (path.length && (path[path.length - 1] as { level: number }).level >= level) path.pop();
      const entry = { kind: 'heading' as const, level, text: p.text, path: path.map((x) => x.text) };
      path.push({ level, text: p.text });
      return entry;
    }
    return { kind: p.numId ? ('item' as const) : ('paragraph' as const), level: 0, text: p.text, path: path.map((x) => x.text) };
  });
}

// ---- PDF ---------------------------------------------------------------------

function pdfFile(pdf: Buffer): string {
  const file = path.join(tempDir(), 'protocol.pdf');
  fs.writeFileSync(file, pdf);
  return file;
}

/** `pdfinfo`'s key: value lines. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = execFileSync('pdfinfo', [pdfFile(pdf)], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter(Boolean).map((line) => {
    const i = line.indexOf(':');
    return [line.slice(0, i), line.slice(i + 1).trim()];
  }));
}

/**
 * What is not where the file says it is: its header, the cross-reference
 * table that `startxref` points to, and each object that table lists (a
 * reader goes by those offsets; poppler rebuilds a wrong table silently).
 */
export function pdfMisplaced(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const wrong: string[] = [];
  if (!raw.startsWith('%PDF-')) wrong.push('no %PDF- header at 0');
  const start = /startxref\n(\d+)\n%%EOF\n?$/.exec(raw);
  if (!start) return [...wrong, 'no startxref at the end'];
  const table = Number(start[1]);
  if (!raw.startsWith('xref\n', table)) return [...wrong, `no xref at ${table}`];
  const head = /^xref\n(\d+) (\d+)\n/.exec(raw.slice(table));
  if (!head) return [...wrong, 'no xref subsection'];
  const [first, count] = [Number(head[1]), Number(head[2])];
  // Entries are 20 bytes each: a 10-digit offset, the generation, n (in use) or f (free).
  for (let i = 0; i < count; i++) {
    const entry = raw.slice(table + head[0].length + 20 * i, table + head[0].length + 20 * (i + 1));
    const match = /^(\d{10}) (\d{5}) ([nf])/.exec(entry);
    if (!match) wrong.push(`entry ${first + i} unreadable: ${JSON.stringify(entry)}`);
    else if (match[3] === 'n' && !raw.startsWith(`${first + i} ${Number(match[2])} obj`, Number(match[1]))) wrong.push(`object ${first + i} not at ${Number(match[1])}`);
  }
  return wrong;
}

export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile(pdf), '-'], { encoding: 'utf8' });
}

export interface PdfWord {
  page: number;
  text: string;
  /** The word's box in points from the page's top left, as poppler finds it. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word on the pages, page by page in reading order, with where it is drawn (`pdftotext -bbox`). */
export function pdfWords(pdf: Buffer): PdfWord[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', pdfFile(pdf), '-'], { encoding: 'utf8' });
  const words: PdfWord[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (!word) continue;
    const [, xMin, yMin, xMax, yMax, text] = word;
    words.push({ page, text: text as string, xMin: Number(xMin), yMin: Number(yMin), xMax: Number(xMax), yMax: Number(yMax) });
  }
  return words;
}

export interface PdfElement {
  tag: string;
  depth: number;
  /** The element's text as poppler extracts it; lines a hard break separates run together. */
  text: string;
}

/** The tagged structure tree, element by element in reading order (`pdfinfo -struct-text`). */
export function pdfStructure(pdf: Buffer): PdfElement[] {
  const out = execFileSync('pdfinfo', ['-struct-text', pdfFile(pdf)], { encoding: 'utf8' });
  const elementsOut: PdfElement[] = [];
  for (const line of out.split('\n')) {
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const body = line.slice(indent);
    if (!body) continue;
    if (body.startsWith('"')) {
      const last = elementsOut[elementsOut.length - 1];
      if (!last) throw new Error('text before any element');
      last.text += body.slice(1, body.endsWith('"') ? -1 : undefined);
    } else {
      elementsOut.push({ tag: body.replace(/ \(.*\)$/, ''), depth: indent / 2, text: '' });
    }
  }
  return elementsOut;
}

/** The structure as the flat outline markdownOutline gives: H1..H6, P, and LBody as items. */
export function pdfOutline(pdf: Buffer): Omit<MdEntry, 'marks'>[] {
  const path: { level: number; text: string }[] = [];
  const out: Omit<MdEntry, 'marks'>[] = [];
  for (const e of pdfStructure(pdf)) {
    const heading = /^H([1-6])$/.exec(e.tag);
    if (heading) {
      const level = Number(heading[1]);
      while (path.length && (path[path.length - 1] as { level: number }).level >= level) path.pop();
      out.push({ kind: 'heading', level, text: e.text, path: path.map((x) => x.text) });
      path.push({ level, text: e.text });
    } else if (e.tag === 'P' || e.tag === 'LBody') {
      out.push({ kind: e.tag === 'P' ? 'paragraph' : 'item', level: 0, text: e.text, path: path.map((x) => x.text) });
    }
  }
  return out;
}

/** An outline's texts as a PDF's structure reports them: hard line breaks run together. */
export function withoutBreaks<T extends { text: string; path: string[] }>(entries: T[]): T[] {
  return entries.map((e) => ({ ...e, text: e.text.replace(/\n/g, ''), path: e.path.map((p) => p.replace(/\n/g, '')) }));
}

export interface Bookmark {
  title: string;
  children: Bookmark[];
}

/** The PDF's bookmarks (document outline), nested, as `pdftohtml -xml` lists them. */
export function pdfBookmarks(pdf: Buffer): Bookmark[] {
  const xml = execFileSync('pdftohtml', ['-xml', '-stdout', '-i', '-q', pdfFile(pdf)], { encoding: 'utf8' });
  const root = child(parseXml(xml), 'pdf2xml');
  const read = (outline: XmlElement | undefined): Bookmark[] => {
    const out: Bookmark[] = [];
    for (const c of outline?.children ?? []) {
      if (typeof c === 'string') continue;
      if (c.name === 'item') out.push({ title: c.children.filter((t) => typeof t === 'string').join(''), children: [] });
      if (c.name === 'outline') (out[out.length - 1] as Bookmark).children = read(c);
    }
    return out;
  };
  return read(child(root, 'outline'));
}
