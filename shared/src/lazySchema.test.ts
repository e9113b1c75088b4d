import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazySchema } from './lazySchema.ts';

describe('lazySchema', () => {
  it('builds the schema on first use, once', () => {
    let builds = 0;
    const name = lazySchema(() => {
      builds++;
      return z.string().min(1);
    });
    expect(builds).toBe(0);
    expect(name.parse('Ada')).toBe('Ada');
    expect(name.safeParse('').success).toBe(false);
    expect(builds).toBe(1);
  });

  it('composes into other schemas, lazy or not, and is a zod schema to zod', () => {
    const person = lazySchema(() => z.strictObject({ name: z.string() }));
    const people = lazySchema(() => z.strictObject({ people: z.array(person) }));
    const admin = lazySchema(() => person.extend({ admin: z.boolean() }));
    const eager = z.strictObject({ lead: person.optional(), others: z.array(person) });
    expect(people.parse({ people: [{ name: 'Ada' }] })).toEqual({ people: [{ name: 'Ada' }] });
    expect(people.safeParse({ people: [{ name: 1 }] }).success).toBe(false);
    expect(admin.parse({ name: 'Bo', admin: true })).toEqual({ name: 'Bo', admin: true });
    expect(admin.safeParse({ name: 'Bo' }).success).toBe(false);
    expect(eager.parse({ others: [{ name: 'Cy' }] })).toEqual({ others: [{ name: 'Cy' }] });
    expect(person).toBeInstanceOf(z.ZodObject);
    expect(z.toJSONSchema(people)).toMatchObject({
      type: 'object',
      properties: { people: { type: 'array', items: { type: 'object' } } },
    });
  });

  it('keeps the type of the schema it builds', () => {
    const count = lazySchema(() => z.number().int());
    const n: z.infer<typeof count> = count.parse(3);
    expect(n).toBe(3);
  });
});
