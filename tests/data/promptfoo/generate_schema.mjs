// Builds promptfoo's config JSON Schema from an installed `promptfoo` package, as promptfoo's own
// scripts/generateJsonSchema.ts does (MIT, copyright Promptfoo). Run: node generate_schema.mjs > schema.json
import { z } from 'zod';
import * as pf from 'promptfoo';
const UnifiedConfigSchema = pf.UnifiedConfigSchema ?? pf.default?.UnifiedConfigSchema;
function getInnerSchema(schema) { const def = schema._def; return def?.in ? def.in : schema; }
function getBaseSchema(schema) {
  const def = schema._def;
  if ((def?.type === 'optional' || def?.type === 'nullable') && def?.innerType) return getBaseSchema(def.innerType);
  if ((def?.type === 'pipe' || def?.type === 'transform') && def?.in) return getBaseSchema(def.in);
  return schema;
}
const inner = getInnerSchema(UnifiedConfigSchema);
const content = z.toJSONSchema(inner, { unrepresentable: 'any', override: (ctx) => {
  const def = ctx.zodSchema._def;
  const fill = () => { if (Object.keys(ctx.jsonSchema).length === 0) { const r = z.toJSONSchema(getBaseSchema(ctx.zodSchema), { unrepresentable: 'any' }); const { $schema: _, ...rest } = r; Object.assign(ctx.jsonSchema, rest); } };
  if ((def?.type === 'optional' || def?.type === 'nullable') && def?.innerType) { const t = def.innerType._def?.type; if (t === 'pipe' || t === 'transform') fill(); }
  if ((def?.type === 'pipe' || def?.type === 'transform') && def?.in) fill();
}});
const { $schema: _, ...rest } = content;
console.log(JSON.stringify({ $ref: '#/definitions/PromptfooConfigSchema', definitions: { PromptfooConfigSchema: rest }, $schema: 'http://json-schema.org/draft-07/schema#' }, null, 2));
