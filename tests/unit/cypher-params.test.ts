import vm from 'node:vm';
import neo4j from 'neo4j-driver';
import { toCypherParams } from '../../src/db/database';

describe('toCypherParams', () => {
  it('sends whole numbers as integers in objects of another realm too (what a worker thread posts back)', () => {
    const foreign = vm.runInNewContext('({ rows: [{ start: 3, end: 7.5, evidence: [{ start: 1 }] }] })');
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
    expect(toCypherParams(foreign)).toEqual({
      rows: [{ start: neo4j.int(3), end: 7.5, evidence: [{ start: neo4j.int(1) }] }],
    });
  });

  it('leaves instances of classes alone', () => {
    const integer = neo4j.int(5);
    const date = new Date(0);
    expect(toCypherParams({ integer, date })).toEqual({ integer, date });
    expect((toCypherParams({ date }) as { date: unknown }).date).toBe(date);
  });
});
