declare const unrecognized: unique symbol;

/** A value the API sent that this SDK version does not know. */
export type Unrecognized<T> = T & { readonly [unrecognized]: true };

/** The values of a closed enum object. */
export type ClosedEnum<E extends Record<string, string | number>> = E[keyof E];

/** The values of an open enum object, plus any value the server may add later. */
export type OpenEnum<E extends Record<string, string | number>> =
  | E[keyof E]
  | Unrecognized<E[keyof E] extends number ? number : string>;
