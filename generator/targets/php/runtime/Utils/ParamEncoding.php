<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

use SdkgenRuntime\Models\Errors\SDKValidationException;

/**
 * Parameters and form bodies encoded per their OpenAPI style, from the JSON form of their values
 * (the same bytes as every other target, which the conformance suite checks).
 */
final class ParamEncoding
{
    private function __construct()
    {
    }

    /** A scalar as text: strings as they are, numbers and booleans as JSON writes them, anything else as JSON. */
    public static function scalarText(mixed $json): string
    {
        return match (true) {
            \is_string($json) => $json,
            $json === true => 'true',
            $json === false => 'false',
            default => Json::encode($json),
        };
    }

    /**
     * A parameter value taken apart: a list's items, an object's pairs, or the one scalar; nulls are left out.
     *
     * @return array{kind: 'list'|'object'|'scalar', scalars: list<string>, pairs: list<array{0: string, 1: string}>}
     */
    public static function split(mixed $json): array
    {
        $scalars = [];
        $pairs = [];
        if (\is_array($json) && \array_is_list($json)) {
            foreach ($json as $item) {
                if ($item !== null) {
                    $scalars[] = self::scalarText($item);
                }
            }
            return ['kind' => 'list', 'scalars' => $scalars, 'pairs' => $pairs];
        }
        if ($json instanceof \stdClass || \is_array($json)) {
            foreach ((\is_array($json) ? $json : \get_object_vars($json)) as $name => $value) {
                if ($value !== null) {
                    $pairs[] = [(string) $name, self::scalarText($value)];
                }
            }
            return ['kind' => 'object', 'scalars' => $scalars, 'pairs' => $pairs];
        }
        return ['kind' => 'scalar', 'scalars' => [self::scalarText($json)], 'pairs' => $pairs];
    }

    /** Percent-encodes every byte of the UTF-8 text but the unreserved characters of RFC 3986. */
    public static function escape(string $text): string
    {
        // rawurlencode keeps exactly A-Z a-z 0-9 - _ . ~ and writes upper-case hex.
        return \rawurlencode($text);
    }

    /** As escape(), with spaces as "+" (application/x-www-form-urlencoded). */
    public static function formEscape(string $text): string
    {
        return \str_replace('%20', '+', self::escape($text));
    }

    /** As escape(), and "." or ".." never stays a dot segment a server would resolve. */
    private static function pathEscape(string $text): string
    {
        return $text === '.' || $text === '..' ? \str_repeat('%2E', \strlen($text)) : self::escape($text);
    }

    /**
     * @param list<array{0: string, 1: string}> $pairs
     * @param callable(string): string $enc
     */
    private static function joinPairs(array $pairs, bool $explode, callable $enc): string
    {
        return \implode(',', \array_map(
            static fn (array $p): string => $enc($p[0]) . ($explode ? '=' : ',') . $enc($p[1]),
            $pairs,
        ));
    }

    /**
     * The query pairs ("key=value", already encoded) of a parameter.
     *
     * @return list<string>
     */
    public static function query(string $name, string $style, bool $explode, mixed $json): array
    {
        $parts = self::split($json);
        $key = self::escape($name);
        if ($parts['kind'] === 'object') {
            if ($style === 'deepObject') {
                return \array_map(static fn (array $p): string => $key . '%5B' . self::escape($p[0]) . '%5D=' . self::escape($p[1]), $parts['pairs']);
            }
            if ($explode) {
                return \array_map(static fn (array $p): string => self::escape($p[0]) . '=' . self::escape($p[1]), $parts['pairs']);
            }
            return [$key . '=' . self::joinPairs($parts['pairs'], false, [self::class, 'escape'])];
        }
        if ($parts['kind'] === 'list' && !$explode) {
            $separator = match ($style) {
                'spaceDelimited' => '%20',
                'pipeDelimited' => '%7C',
                default => ',',
            };
            return [$key . '=' . \implode($separator, \array_map([self::class, 'escape'], $parts['scalars']))];
        }
        return \array_map(static fn (string $s): string => $key . '=' . self::escape($s), $parts['scalars']);
    }

    /** The text a path parameter's placeholder is replaced with (simple, label or matrix style). */
    public static function path(string $name, string $style, bool $explode, mixed $json): string
    {
        $parts = self::split($json);
        $enc = static fn (string $s): string => self::pathEscape($s);
        $object = $parts['kind'] === 'object';
        if ($style === 'label') {
            if ($object) {
                return '.' . ($explode ? \str_replace(',', '.', self::joinPairs($parts['pairs'], true, $enc)) : self::joinPairs($parts['pairs'], false, $enc));
            }
            return '.' . \implode($explode ? '.' : ',', \array_map($enc, $parts['scalars']));
        }
        if ($style === 'matrix') {
            $key = self::pathEscape($name);
            if ($object) {
                return $explode
                    ? \implode('', \array_map(static fn (array $p): string => ';' . self::pathEscape($p[0]) . '=' . self::pathEscape($p[1]), $parts['pairs']))
                    : ";{$key}=" . self::joinPairs($parts['pairs'], false, $enc);
            }
            if ($explode && $parts['kind'] === 'list') {
                return \implode('', \array_map(static fn (string $s): string => ";{$key}=" . self::pathEscape($s), $parts['scalars']));
            }
            return ";{$key}=" . \implode(',', \array_map($enc, $parts['scalars']));
        }
        return $object ? self::joinPairs($parts['pairs'], $explode, $enc) : \implode(',', \array_map($enc, $parts['scalars']));
    }

    /** A header's value (simple style, not escaped); refused when it would break the header apart. */
    public static function header(string $name, bool $explode, mixed $json): string
    {
        $parts = self::split($json);
        $text = $parts['kind'] === 'object'
            ? self::joinPairs($parts['pairs'], $explode, static fn (string $s): string => $s)
            : \implode(',', $parts['scalars']);
        return self::headerSafe($text, $name);
    }

    /** The text, when it holds no line break or NUL that would let it end its header. */
    public static function headerSafe(string $text, string $name): string
    {
        if (\strpbrk($text, "\r\n\0") !== false) {
            throw new SDKValidationException('a header value must not contain line breaks', $name);
        }
        return $text;
    }

    /** A cookie pair ("name=value"), its value escaped. */
    public static function cookie(string $name, mixed $json): string
    {
        return $name . '=' . self::escape(\implode(',', self::split($json)['scalars']));
    }

    /**
     * An application/x-www-form-urlencoded body from an object's JSON form: its properties in order, a list as
     * one pair per item, nested objects and lists as JSON text, nulls left out.
     */
    public static function form(mixed $json, string $path): string
    {
        if (!$json instanceof \stdClass && !(\is_array($json) && !\array_is_list($json))) {
            throw new SDKValidationException('a form body must be an object', $path);
        }
        $pairs = [];
        foreach ((\is_array($json) ? $json : \get_object_vars($json)) as $name => $value) {
            $items = \is_array($value) && \array_is_list($value) ? $value : [$value];
            foreach ($items as $item) {
                if ($item !== null) {
                    $pairs[] = self::formEscape((string) $name) . '=' . self::formEscape(self::scalarText($item));
                }
            }
        }
        return \implode('&', $pairs);
    }
}
