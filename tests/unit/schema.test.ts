import { readFileSync } from 'node:fs';
import {
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { SCHEMA_FILE, buildGraphSchema, printSortedSchema } from '../../src/api/schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphSchema();
});

it('schema/schema.graphql is the SDL the classes emit (run `npm run schema:emit` after changing them)', async () => {
  expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printSortedSchema());
});

it('every type, field, argument and enum value has a description', () => {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
      continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues())
        if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    if (isUnionType(type) && !type.description) missing.push(type.name);
  }
  expect(missing).toEqual([]);
});

it('every object type uses simple resolvers: graphql-jit reads plain fields directly (src/api/executor.ts)', () => {
  const notSimple = getMetadataStorage()
    .objectTypes.filter((t) => t.simpleResolvers !== true)
    .map((t) => t.name);
  expect(notSimple).toEqual([]);
  // Only fields with a resolver method of their own keep one.
  const entity = schema.getType('Entity');
  if (!isObjectType(entity)) throw new Error('Entity is not an object type');
  expect(entity.getFields().name.resolve).toBeUndefined();
  expect(entity.getFields().stances.resolve).toBeInstanceOf(Function);
});

it('every abstract type resolves synchronously: graphql-jit cannot wait for a type (src/api/executor.ts)', () => {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isUnionType(type) && !isInterfaceType(type)) continue;
    const member = schema.getPossibleTypes(type)[0];
    const sample = member.name === 'Entity' ? { id: 'x', kind: 'PERSON', name: 'X' } : { id: 'x' };
    expect({ type: type.name, resolved: type.resolveType?.(sample, {}, {} as never, type) }).toEqual({
      type: type.name,
      resolved: member.name,
    });
  }
});
