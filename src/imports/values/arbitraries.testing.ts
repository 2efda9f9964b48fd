// fast-check arbitraries shared by the normalisers' property tests.
import fc from 'fast-check';

/**
 * Everything a caller could hand over, including the awkward cases: BigInts,
 * boxed primitives, null-prototype objects, sparse arrays.
 */
export const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});
