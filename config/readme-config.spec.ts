import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EnvironmentVariables } from './env.schema';

/** The rows of README.md's "Configuration" table: variable → default cell. */
function readmeTable(): Map<string, string> {
  const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.split(/^## Configuration$/m)[1].split(/^## /m)[0];
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const name = /^`([A-Z][A-Z0-9_]*)`$/.exec(cells[1] ?? '')?.[1];
    if (name) rows.set(name, cells[2]);
  }
  return rows;
}

/** Every property the schema validates: the variables Convene reads (optional ones have no initializer). */
function schemaVariables(): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(EnvironmentVariables, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))].sort();
}

describe('README configuration table', () => {
  const table = readmeTable();
  const defaults = new EnvironmentVariables() as unknown as Record<string, unknown>;

  it('lists exactly the variables config/env.schema.ts reads', () => {
    expect([...table.keys()].sort()).toEqual(schemaVariables());
  });

  it('gives each default the schema gives', () => {
    const wrong = schemaVariables()
      .filter((name) => defaults[name] !== undefined && defaults[name] !== '')
      .map((name) => ({ name, schema: String(defaults[name]), readme: /`([^`]*)`/.exec(table.get(name) ?? '')?.[1] }))
      .filter((row) => row.schema !== row.readme);
    expect(wrong).toEqual([]);
  });

  it('says what happens when a variable without a default is unset', () => {
    const silent = schemaVariables().filter(
      (name) => (defaults[name] === undefined || defaults[name] === '') && !/\S/.test(table.get(name) ?? ''),
    );
    expect(silent).toEqual([]);
  });
});
