import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rule that keeps the model framework-free must really fire.
const root = path.resolve(import.meta.dirname, '../..');

async function ruleIds(code: string, file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('shared/ stays free of UI, transport and the DOM', () => {
  it.each([
    ["import { useState } from 'react';", 'no-restricted-imports'],
    ["import { create } from 'zustand';", 'no-restricted-imports'],
    ["import WebSocket from 'ws';", 'no-restricted-imports'],
    ["import { WebsocketProvider } from 'y-websocket';", 'no-restricted-imports'],
    ["import fs from 'node:fs';", 'no-restricted-imports'],
    ['export const el = document.body;', 'no-restricted-globals'],
  ])('%s is refused in shared/', async (code, rule) => {
    expect(await ruleIds(`${code}\n`, 'shared/src/boundary-probe.ts')).toContain(rule);
  });

  it('the same import is fine in the client', async () => {
    expect(await ruleIds("import { useState } from 'react';\nexport const x = useState;\n", 'client/src/boundary-probe.ts')).not.toContain(
      'no-restricted-imports',
    );
  });
});
