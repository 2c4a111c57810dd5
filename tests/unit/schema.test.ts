import { readFileSync } from 'node:fs';
import {
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';
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
