import { en, en_GB, Faker } from '@faker-js/faker';

/** The generator's only source of chance: a seeded Faker, so a seed always yields the same company. */
export interface CompanyRandom {
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An item drawn in proportion to `weight(item)`. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
  digits(length: number): string;
  uuid(): string;
  hex(length: number): string;
  alphanumeric(length: number): string;
}

export function createCompanyRandom(seed: number): CompanyRandom {
  const faker = new Faker({ locale: [en_GB, en] });
  faker.seed(seed);
  const int = (min: number, max: number) => faker.number.int({ min, max });
  return {
    int,
    chance: (probability) => faker.datatype.boolean({ probability }),
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    weighted<T>(items: readonly T[], weight: (item: T) => number): T {
      const total = items.reduce((sum, item) => sum + weight(item), 0);
      let roll = faker.number.float({ min: 0, max: total });
      for (const item of items) {
        roll -= weight(item);
        if (roll < 0) return item;
      }
      const last = items.at(-1);
      if (last === undefined) throw new RangeError('pick from an empty list');
      return last;
    },
    shuffle: (items) => faker.helpers.shuffle([...items]),
    digits: (length) => faker.string.numeric({ length, allowLeadingZeros: true }),
    uuid: () => faker.string.uuid(),
    hex: (length) => faker.string.hexadecimal({ length, casing: 'lower', prefix: '' }),
    alphanumeric: (length) => faker.string.alphanumeric({ length }),
  };
}
