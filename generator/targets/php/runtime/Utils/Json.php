<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

use SdkgenRuntime\Models\Errors\SDKValidationException;

/**
 * The building blocks of the readers and writers sdkgen emits for each model: no reflection,
 * every value checked against its declared type, every mismatch named by its path.
 *
 * Readers take decoded JSON (`json_decode($text, false)`: objects are \stdClass, arrays are lists) and
 * throw JsonIssue; writers take model values and return the same JSON form, throwing SDKValidationException.
 */
final class Json
{
    private function __construct()
    {
    }

    /** What a JSON value is, without quoting a string's text (it may be a secret). */
    public static function describe(mixed $json): string
    {
        return match (true) {
            $json === null => 'null',
            $json === true => 'boolean true',
            $json === false => 'boolean false',
            \is_int($json) => 'number ' . $json,
            \is_float($json) => \is_finite($json) ? 'number ' . self::numberText($json) : 'a number out of range',
            \is_string($json) => 'a string',
            \is_array($json) => \array_is_list($json) ? 'an array' : 'an object',
            $json instanceof \stdClass => 'an object',
            default => 'a value of type ' . \get_debug_type($json),
        };
    }

    /** The issue for a value that is not of the expected kind. */
    public static function mismatch(string $path, string $expected, mixed $json): JsonIssue
    {
        return new JsonIssue($path, "expected {$expected}, got " . self::describe($json));
    }

    // ----- readers -----

    /** @return \Closure(mixed, string): string */
    public static function string(): \Closure
    {
        return static fn (mixed $json, string $path): string => \is_string($json) ? $json : throw self::mismatch($path, 'a string', $json);
    }

    /** @return \Closure(mixed, string): bool */
    public static function bool(): \Closure
    {
        return static fn (mixed $json, string $path): bool => \is_bool($json) ? $json : throw self::mismatch($path, 'a boolean', $json);
    }

    /**
     * Integers; an integral JSON number written with a fraction or exponent (`1.0`, `1e3`) is accepted as
     * JavaScript and Python read it, as long as it fits in 64 bits.
     *
     * @return \Closure(mixed, string): int
     */
    public static function int(): \Closure
    {
        return static function (mixed $json, string $path): int {
            if (\is_int($json)) {
                return $json;
            }
            // 2^63 is exactly representable as a float; anything from there up does not fit an int.
            if (\is_float($json) && \is_finite($json) && \floor($json) === $json && $json >= -9.2233720368547758E18 && $json < 9.2233720368547758E18) {
                return (int) $json;
            }
            throw self::mismatch($path, 'an integer', $json);
        };
    }

    /** @return \Closure(mixed, string): float */
    public static function float(): \Closure
    {
        return static function (mixed $json, string $path): float {
            if (\is_int($json) || (\is_float($json) && \is_finite($json))) {
                return (float) $json;
            }
            throw self::mismatch($path, 'a number', $json);
        };
    }

    /** Any JSON value, kept as it came. @return \Closure(mixed, string): mixed */
    public static function any(): \Closure
    {
        return static fn (mixed $json, string $path): mixed => $json;
    }

    /**
     * A reader that accepts only one value (an OpenAPI const or single-value enum).
     *
     * @return \Closure(mixed, string): mixed
     */
    public static function constant(\Closure $read, mixed $expected): \Closure
    {
        return static function (mixed $json, string $path) use ($read, $expected): mixed {
            $value = $read($json, $path);
            if ($value === $expected) {
                return $value;
            }
            $text = match (true) {
                $expected instanceof \BackedEnum => (string) $expected->value,
                \is_string($expected) => $expected,
                \is_int($expected), \is_float($expected), \is_bool($expected), $expected === null => ParamEncoding::scalarText($expected),
                default => \get_debug_type($expected),
            };
            throw new JsonIssue($path, "expected the constant {$text}, got " . self::describe($json));
        };
    }

    /** @return \Closure(mixed, string): list<mixed> */
    public static function list(\Closure $item): \Closure
    {
        return static function (mixed $json, string $path) use ($item): array {
            if (!\is_array($json) || !\array_is_list($json)) {
                throw self::mismatch($path, 'an array', $json);
            }
            $list = [];
            foreach ($json as $i => $element) {
                $list[] = $item($element, "{$path}[{$i}]");
            }
            return $list;
        };
    }

    /**
     * An object read as a map. PHP turns numeric string keys such as "1" into int keys of the array.
     *
     * @return \Closure(mixed, string): array<string, mixed>
     */
    public static function map(\Closure $value): \Closure
    {
        return static function (mixed $json, string $path) use ($value): array {
            if (!$json instanceof \stdClass) {
                throw self::mismatch($path, 'an object', $json);
            }
            $map = [];
            foreach (\get_object_vars($json) as $name => $element) {
                $map[$name] = $value($element, "{$path}.{$name}");
            }
            return $map;
        };
    }

    /** A reader that also accepts null. @return \Closure(mixed, string): mixed */
    public static function nullable(\Closure $inner): \Closure
    {
        return static fn (mixed $json, string $path): mixed => $json === null ? null : $inner($json, $path);
    }

    /**
     * A closed enum: a case of the BackedEnum, or a JsonIssue.
     *
     * @param class-string<\BackedEnum> $enumClass
     * @return \Closure(mixed, string): \BackedEnum
     */
    public static function enum(string $enumClass): \Closure
    {
        return static function (mixed $json, string $path) use ($enumClass): \BackedEnum {
            $integer = self::intBacked($enumClass);
            if ($integer ? !\is_int($json) : !\is_string($json)) {
                throw self::mismatch($path, $integer ? 'an integer' : 'a string', $json);
            }
            return $enumClass::tryFrom($json)
                ?? throw new JsonIssue($path, ($integer ? 'a number' : 'a string') . ' that is not one of the values of ' . self::shortName($enumClass));
        };
    }

    /**
     * An open enum: the case when the value is known, else the raw string or int (never an error for a value
     * of the right JSON type, so a server may add values).
     *
     * @param class-string<\BackedEnum> $enumClass
     * @return \Closure(mixed, string): (\BackedEnum|string|int)
     */
    public static function openEnum(string $enumClass): \Closure
    {
        return static function (mixed $json, string $path) use ($enumClass): \BackedEnum|string|int {
            $integer = self::intBacked($enumClass);
            if ($integer ? !\is_int($json) : !\is_string($json)) {
                throw self::mismatch($path, $integer ? 'an integer' : 'a string', $json);
            }
            return $enumClass::tryFrom($json) ?? $json;
        };
    }

    /**
     * A model, through its own static fromJson($json, $path); it gives whatever that gives (an object, or a
     * scalar for a class that stands for a number enum).
     *
     * @param class-string $class
     * @return \Closure(mixed, string): mixed
     */
    public static function model(string $class): \Closure
    {
        return static fn (mixed $json, string $path): mixed => $class::fromJson($json, $path);
    }

    /** The value as an object, or a JsonIssue. */
    public static function expectObject(mixed $json, string $path): \stdClass
    {
        return $json instanceof \stdClass ? $json : throw self::mismatch($path, 'an object', $json);
    }

    /**
     * A property of an object: read when present (a JSON null is given to the reader, which refuses it unless
     * nullable); when absent, an issue if it is required, else $fallback (the default, or null).
     */
    public static function field(\stdClass $o, string $name, string $path, \Closure $read, bool $required, mixed $fallback): mixed
    {
        if (\property_exists($o, $name)) {
            return $read($o->{$name}, "{$path}.{$name}");
        }
        if ($required) {
            throw new JsonIssue("{$path}.{$name}", 'a required property is missing');
        }
        return $fallback;
    }

    /**
     * The properties an object's schema does not name, read with $read.
     *
     * @param list<string> $declaredNames
     * @return array<string, mixed>
     */
    public static function extra(\stdClass $o, string $path, array $declaredNames, \Closure $read): array
    {
        $declared = \array_flip($declaredNames);
        $extra = [];
        foreach (\get_object_vars($o) as $name => $value) {
            if (!isset($declared[(string) $name])) {
                $extra[$name] = $read($value, "{$path}.{$name}");
            }
        }
        return $extra;
    }

    /** A JSON text the generator wrote (a declared default), read with a model's reader. */
    public static function parse(string $jsonText, \Closure $read): mixed
    {
        return $read(\json_decode($jsonText, false, 512, \JSON_THROW_ON_ERROR), '$');
    }

    // ----- writers -----

    private static function invalid(string $path, string $expected, mixed $value): SDKValidationException
    {
        return $value === null
            ? new SDKValidationException('a value is required', $path)
            : new SDKValidationException("expected {$expected}, got " . \get_debug_type($value), $path);
    }

    /** @return \Closure(mixed, string): string */
    public static function writeString(): \Closure
    {
        return static fn (mixed $value, string $path): string => \is_string($value) ? $value : throw self::invalid($path, 'a string', $value);
    }

    /** @return \Closure(mixed, string): bool */
    public static function writeBool(): \Closure
    {
        return static fn (mixed $value, string $path): bool => \is_bool($value) ? $value : throw self::invalid($path, 'a boolean', $value);
    }

    /** @return \Closure(mixed, string): int */
    public static function writeInt(): \Closure
    {
        return static fn (mixed $value, string $path): int => \is_int($value) ? $value : throw self::invalid($path, 'an integer', $value);
    }

    /** Numbers (an int is taken as it is); NaN and infinities, which JSON cannot hold, are refused. @return \Closure(mixed, string): (int|float) */
    public static function writeFloat(): \Closure
    {
        return static function (mixed $value, string $path): int|float {
            if (\is_int($value)) {
                return $value;
            }
            if (!\is_float($value)) {
                throw self::invalid($path, 'a number', $value);
            }
            if (!\is_finite($value)) {
                throw new SDKValidationException('NaN and infinities have no JSON form', $path);
            }
            return $value;
        };
    }

    /** A value already in JSON form, kept as it is. @return \Closure(mixed, string): mixed */
    public static function writeAny(): \Closure
    {
        return static fn (mixed $value, string $path): mixed => $value;
    }

    /** @return \Closure(mixed, string): list<mixed> */
    public static function writeList(\Closure $item): \Closure
    {
        return static function (mixed $value, string $path) use ($item): array {
            if (!\is_array($value) || !\array_is_list($value)) {
                throw self::invalid($path, 'a list', $value);
            }
            $list = [];
            foreach ($value as $i => $element) {
                $list[] = $item($element, "{$path}[{$i}]");
            }
            return $list;
        };
    }

    /**
     * A map written as an object, its keys sorted ordinally (as the other targets do) so the bytes sent do not
     * depend on insertion order.
     *
     * @return \Closure(mixed, string): \stdClass
     */
    public static function writeMap(\Closure $value): \Closure
    {
        return static function (mixed $map, string $path) use ($value): \stdClass {
            if ($map instanceof \stdClass) {
                $map = \get_object_vars($map);
            }
            if (!\is_array($map)) {
                throw self::invalid($path, 'an array of values by name', $map);
            }
            $keys = \array_map('strval', \array_keys($map));
            \sort($keys, \SORT_STRING);
            $out = new \stdClass();
            foreach ($keys as $key) {
                $out->{$key} = $value($map[$key], "{$path}.{$key}");
            }
            return $out;
        };
    }

    /** @return \Closure(mixed, string): mixed */
    public static function writeNullable(\Closure $inner): \Closure
    {
        return static fn (mixed $value, string $path): mixed => $value === null ? null : $inner($value, $path);
    }

    /**
     * An enum case written as its value; a raw string or int (a value the SDK does not know) only when the enum
     * is open.
     *
     * @param class-string<\BackedEnum> $enumClass
     * @return \Closure(mixed, string): (string|int)
     */
    public static function writeEnum(string $enumClass, bool $open): \Closure
    {
        return static function (mixed $value, string $path) use ($enumClass, $open): string|int {
            if ($value instanceof $enumClass) {
                return $value->value;
            }
            $integer = self::intBacked($enumClass);
            if ($open && ($integer ? \is_int($value) : \is_string($value))) {
                return $value;
            }
            if ($value === null) {
                throw new SDKValidationException('a value is required', $path);
            }
            throw new SDKValidationException('not one of the values of ' . self::shortName($enumClass), $path);
        };
    }

    /** A model, through its own toJson($path). @return \Closure(mixed, string): mixed */
    public static function writeModel(): \Closure
    {
        return static function (mixed $value, string $path): mixed {
            if (!\is_object($value) || !\method_exists($value, 'toJson')) {
                throw self::invalid($path, 'a model', $value);
            }
            return $value->toJson($path);
        };
    }

    /** Sets one property of an object being written. */
    public static function put(\stdClass $out, string $name, mixed $value, string $path, \Closure $write): void
    {
        $out->{$name} = $write($value, "{$path}.{$name}");
    }

    /**
     * The properties an object's schema does not name, sorted, leaving out names the schema declares.
     *
     * @param array<string, mixed>|null $extra
     * @param list<string> $declaredNames
     */
    public static function putExtra(\stdClass $out, ?array $extra, array $declaredNames, string $path, \Closure $write): void
    {
        if ($extra === null) {
            return;
        }
        $declared = \array_flip($declaredNames);
        $keys = \array_map('strval', \array_keys($extra));
        \sort($keys, \SORT_STRING);
        foreach ($keys as $key) {
            if (!isset($declared[$key])) {
                self::put($out, $key, $extra[$key], $path, $write);
            }
        }
    }

    // ----- encoding -----

    /**
     * The bytes JavaScript's JSON.stringify gives for the same value: no escaped slashes or non-ASCII
     * characters, integral numbers without a fraction, other numbers in their shortest round-trip form,
     * and JavaScript's switch to exponent notation (1e+21, 1e-7).
     */
    public static function encode(mixed $jsonForm): string
    {
        return self::encodeAt($jsonForm, '$');
    }

    private static function encodeAt(mixed $value, string $path): string
    {
        if ($value === null) {
            return 'null';
        }
        if (\is_bool($value)) {
            return $value ? 'true' : 'false';
        }
        if (\is_int($value)) {
            return (string) $value;
        }
        if (\is_float($value)) {
            if (!\is_finite($value)) {
                throw new SDKValidationException('NaN and infinities have no JSON form', $path);
            }
            return self::numberText($value);
        }
        if (\is_string($value)) {
            try {
                return \json_encode($value, \JSON_UNESCAPED_SLASHES | \JSON_UNESCAPED_UNICODE | \JSON_UNESCAPED_LINE_TERMINATORS | \JSON_THROW_ON_ERROR);
            } catch (\JsonException $e) {
                throw new SDKValidationException('a string is not valid UTF-8', $path, $e);
            }
        }
        if (\is_array($value) && \array_is_list($value)) {
            $items = [];
            foreach ($value as $i => $item) {
                $items[] = self::encodeAt($item, "{$path}[{$i}]");
            }
            return '[' . \implode(',', $items) . ']';
        }
        if (\is_array($value) || $value instanceof \stdClass) {
            $members = [];
            foreach ((\is_array($value) ? $value : \get_object_vars($value)) as $name => $item) {
                $members[] = self::encodeAt((string) $name, $path) . ':' . self::encodeAt($item, "{$path}.{$name}");
            }
            return '{' . \implode(',', $members) . '}';
        }
        throw new SDKValidationException('a ' . \get_debug_type($value) . ' has no JSON form', $path);
    }

    /** A finite number as JavaScript's Number.prototype.toString writes it. */
    public static function numberText(float $value): string
    {
        if ($value == 0.0) {
            return '0';
        }
        // PHP's shortest round-trip form ("1.0e+21", "0.1"), whatever the ini setting in effect says.
        $saved = \ini_get('serialize_precision');
        \ini_set('serialize_precision', '-1');
        try {
            $text = \var_export($value, true);
        } finally {
            \ini_set('serialize_precision', $saved === false ? '-1' : $saved);
        }
        if (!\preg_match('/^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/', $text, $m)) {
            return $text;
        }
        $sign = $m[1];
        $digits = $m[2] . ($m[3] ?? '');
        // The decimal point sits after the first $point digits.
        $point = \strlen($m[2]) + (int) ($m[4] ?? '0');
        $trimmed = \ltrim($digits, '0');
        $point -= \strlen($digits) - \strlen($trimmed);
        $digits = \rtrim($trimmed, '0');
        $k = \strlen($digits);
        if ($k <= $point && $point <= 21) {
            return $sign . $digits . \str_repeat('0', $point - $k);
        }
        if (0 < $point && $point <= 21) {
            return $sign . \substr($digits, 0, $point) . '.' . \substr($digits, $point);
        }
        if (-6 < $point && $point <= 0) {
            return $sign . '0.' . \str_repeat('0', -$point) . $digits;
        }
        $exponent = $point - 1;
        $mantissa = $k === 1 ? $digits : $digits[0] . '.' . \substr($digits, 1);
        return $sign . $mantissa . 'e' . ($exponent < 0 ? '-' : '+') . \abs($exponent);
    }

    /**
     * The text at a path in a decoded JSON value; "*" steps into every item of an array, and the non-empty
     * strings found are joined with "; " (as the other targets do). Null when there is none.
     *
     * @param list<string>|null $path
     */
    public static function textAt(mixed $root, ?array $path): ?string
    {
        if ($path === null) {
            return null;
        }
        $values = [$root];
        foreach ($path as $step) {
            $next = [];
            foreach ($values as $v) {
                if ($step === '*' && \is_array($v) && \array_is_list($v)) {
                    \array_push($next, ...$v);
                } elseif ($v instanceof \stdClass && \property_exists($v, $step)) {
                    $next[] = $v->{$step};
                }
            }
            $values = $next;
        }
        $texts = \array_values(\array_filter($values, static fn (mixed $v): bool => \is_string($v) && $v !== ''));
        return $texts === [] ? null : \implode('; ', $texts);
    }

    /** @param class-string<\BackedEnum> $enumClass */
    private static function intBacked(string $enumClass): bool
    {
        $cases = $enumClass::cases();
        return $cases !== [] && \is_int($cases[0]->value);
    }

    private static function shortName(string $class): string
    {
        $at = \strrpos($class, '\\');
        return $at === false ? $class : \substr($class, $at + 1);
    }
}
