<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests;

use PHPUnit\Framework\TestCase;
use SdkgenRuntime\Models\Errors\SDKValidationException;
use SdkgenRuntime\Utils\ParamEncoding;

/** The expected strings are those of the C# runtime's tests: every target sends the same bytes. */
final class ParamEncodingTest extends TestCase
{
    private static function j(string $text): mixed
    {
        return json_decode($text, false, 512, JSON_THROW_ON_ERROR);
    }

    /** @return iterable<array{string, string}> */
    public static function escapes(): iterable
    {
        yield ['abcXYZ019', 'abcXYZ019'];
        yield ['~-._', '~-._'];
        yield ['a b', 'a%20b'];
        yield ['ä', '%C3%A4'];
        yield ['😀', '%F0%9F%98%80'];
        yield ["!*'();:@&=+$,/?#[]", '%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D'];
        yield ['%', '%25'];
        yield ["\x00\n", '%00%0A'];
    }

    /** @dataProvider escapes */
    public function testEscapeKeepsOnlyUnreservedCharacters(string $text, string $expected): void
    {
        self::assertSame($expected, ParamEncoding::escape($text));
    }

    public function testFormEscapeWritesSpacesAsPlus(): void
    {
        self::assertSame('a+b%2Bc', ParamEncoding::formEscape('a b+c'));
    }

    /** @return iterable<array{string, string}> */
    public static function scalars(): iterable
    {
        yield ['"a b"', 'a b'];
        yield ['12.5', '12.5'];
        yield ['1.0', '1'];
        yield ['true', 'true'];
        yield ['false', 'false'];
        yield ['[1,2]', '[1,2]'];
        yield ['{"a":"/"}', '{"a":"/"}'];
        yield ['1e21', '1e+21'];
    }

    /** @dataProvider scalars */
    public function testScalarTextWritesStringsAsTheyAreAndTheRestAsJson(string $json, string $expected): void
    {
        self::assertSame($expected, ParamEncoding::scalarText(self::j($json)));
    }

    /** @return iterable<array{string, bool, string, string}> */
    public static function queries(): iterable
    {
        yield ['form', true, '[1,2]', 'id=1|id=2'];
        yield ['form', false, '[1,2]', 'id=1,2'];
        yield ['form', true, '["a b",null,"c,d"]', 'id=a%20b|id=c%2Cd'];
        yield ['form', false, '["a b","c,d"]', 'id=a%20b,c%2Cd'];
        yield ['spaceDelimited', false, '[1,2,3]', 'id=1%202%203'];
        yield ['pipeDelimited', false, '[1,2,3]', 'id=1%7C2%7C3'];
        yield ['spaceDelimited', true, '[1,2]', 'id=1|id=2'];
        yield ['pipeDelimited', true, '["a|b","c"]', 'id=a%7Cb|id=c'];
        yield ['form', true, '"x&y"', 'id=x%26y'];
        yield ['form', false, '7', 'id=7'];
        yield ['form', true, 'false', 'id=false'];
        yield ['form', true, '1.5', 'id=1.5'];
        yield ['form', true, '"é€"', 'id=%C3%A9%E2%82%AC'];
        yield ['form', true, '[]', ''];
    }

    /** @dataProvider queries */
    public function testQueryEncodesScalarsAndArrays(string $style, bool $explode, string $json, string $expected): void
    {
        self::assertSame($expected, implode('|', ParamEncoding::query('id', $style, $explode, self::j($json))));
    }

    /** @return iterable<array{string, bool, string}> */
    public static function queryObjects(): iterable
    {
        yield ['form', true, 'k=x|n=2'];
        yield ['form', false, 'filter=k,x,n,2'];
        yield ['deepObject', true, 'filter%5Bk%5D=x|filter%5Bn%5D=2'];
    }

    /** @dataProvider queryObjects */
    public function testQueryEncodesObjects(string $style, bool $explode, string $expected): void
    {
        $value = self::j('{"k":"x","skip":null,"n":2}');
        self::assertSame($expected, implode('|', ParamEncoding::query('filter', $style, $explode, $value)));
    }

    public function testQueryEscapesNamesKeysAndValues(): void
    {
        self::assertSame('a%20b=c%2Fd', implode('|', ParamEncoding::query('a b', 'form', true, 'c/d')));
        self::assertSame('f%5Bx%20y%5D=1%2C2', implode('|', ParamEncoding::query('f', 'deepObject', true, self::j('{"x y":"1,2"}'))));
        self::assertSame('f=k,a%2Cb', implode('|', ParamEncoding::query('f', 'form', false, self::j('{"k":"a,b"}'))));
    }

    /** @return iterable<array{string, bool, string, string}> */
    public static function paths(): iterable
    {
        yield ['simple', false, '"a/b c"', 'a%2Fb%20c'];
        yield ['simple', false, '[1,2]', '1,2'];
        yield ['simple', true, '[1,2]', '1,2'];
        yield ['simple', false, '{"a":1,"b":2}', 'a,1,b,2'];
        yield ['simple', true, '{"a":1,"b":2}', 'a=1,b=2'];
        yield ['label', false, '5', '.5'];
        yield ['label', false, '[1,2]', '.1,2'];
        yield ['label', true, '[1,2]', '.1.2'];
        yield ['label', false, '{"a":1,"b":2}', '.a,1,b,2'];
        yield ['label', true, '{"a":1,"b":2}', '.a=1.b=2'];
        yield ['matrix', false, '5', ';id=5'];
        yield ['matrix', true, '5', ';id=5'];
        yield ['matrix', false, '[1,2]', ';id=1,2'];
        yield ['matrix', true, '[1,2]', ';id=1;id=2'];
        yield ['matrix', false, '{"a":1,"b":2}', ';id=a,1,b,2'];
        yield ['matrix', true, '{"a":1,"b":2}', ';a=1;b=2'];
        yield ['simple', false, '"ü?#"', '%C3%BC%3F%23'];
        yield ['simple', false, 'true', 'true'];
    }

    /** @dataProvider paths */
    public function testPathEncodesEachStyle(string $style, bool $explode, string $json, string $expected): void
    {
        self::assertSame($expected, ParamEncoding::path('id', $style, $explode, self::j($json)));
    }

    /** @return iterable<array{string, string, string}> */
    public static function dotSegments(): iterable
    {
        yield ['simple', '"."', '%2E'];
        yield ['simple', '".."', '%2E%2E'];
        yield ['simple', '"..."', '...'];
        yield ['simple', '"a.b"', 'a.b'];
        yield ['simple', '["..","x"]', '%2E%2E,x'];
        yield ['label', '".."', '.%2E%2E'];
        yield ['matrix', '"."', ';id=%2E'];
    }

    /** @dataProvider dotSegments */
    public function testPathNeverLeavesADotSegment(string $style, string $json, string $expected): void
    {
        self::assertSame($expected, ParamEncoding::path('id', $style, false, self::j($json)));
    }

    /** @return iterable<array{bool, string, string}> */
    public static function headers(): iterable
    {
        yield [false, '"a b,c"', 'a b,c'];
        yield [false, '[1,2]', '1,2'];
        yield [false, '{"a":1,"b":2}', 'a,1,b,2'];
        yield [true, '{"a":1,"b":2}', 'a=1,b=2'];
        yield [false, '"ünï"', 'ünï'];
        yield [false, '2.50', '2.5'];
    }

    /** @dataProvider headers */
    public function testHeaderEncodesTheSimpleStyleWithoutEscaping(bool $explode, string $json, string $expected): void
    {
        self::assertSame($expected, ParamEncoding::header('X-Value', $explode, self::j($json)));
    }

    /** @return iterable<array{string}> */
    public static function lineBreaks(): iterable
    {
        yield ['"a\r\nX-Injected: 1"'];
        yield ['"a\nb"'];
        yield ['"a\rb"'];
        yield ['"a\u0000b"'];
        yield ['["ok","a\nb"]'];
        yield ['{"k":"a\nb"}'];
    }

    /** @dataProvider lineBreaks */
    public function testHeaderRefusesLineBreaks(string $json): void
    {
        try {
            ParamEncoding::header('X-Value', false, self::j($json));
            self::fail('a line break was let through');
        } catch (SDKValidationException $e) {
            self::assertSame('X-Value', $e->path);
            self::assertStringContainsString('line breaks', $e->getMessage());
        }
    }

    public function testCookieEscapesItsValue(): void
    {
        self::assertSame('session=a%20b%3Bc', ParamEncoding::cookie('session', 'a b;c'));
        self::assertSame('ids=1%2C2', ParamEncoding::cookie('ids', [1, 2]));
    }

    public function testFormEncodesAnObjectInPropertyOrder(): void
    {
        self::assertSame(
            'login=user%40example.org&password=p%40ss+word%26%3D&rememberMe=true',
            ParamEncoding::form(self::j('{"login":"user@example.org","password":"p@ss word&=","rememberMe":true}'), 'body'),
        );
    }

    public function testFormRepeatsListsAndLeavesOutNulls(): void
    {
        self::assertSame('tag=a&tag=b+c&n=1.5', ParamEncoding::form(self::j('{"tag":["a",null,"b c"],"skip":null,"n":1.5}'), 'body'));
    }

    public function testFormWritesNestedValuesAsJsonText(): void
    {
        self::assertSame('filter=%7B%22a%22%3A1%7D&grid=%5B1%2C2%5D', ParamEncoding::form(self::j('{"filter":{"a":1},"grid":[[1,2]]}'), 'body'));
    }

    public function testFormEscapesNames(): void
    {
        self::assertSame('a+b%26c=1', ParamEncoding::form(self::j('{"a b&c":1}'), 'body'));
    }

    public function testFormOfAnEmptyObjectIsEmpty(): void
    {
        self::assertSame('', ParamEncoding::form(new \stdClass(), 'body'));
    }

    /** @return iterable<array{string}> */
    public static function notObjects(): iterable
    {
        yield ['[1]'];
        yield ['[]'];
        yield ['"text"'];
        yield ['null'];
    }

    /** @dataProvider notObjects */
    public function testFormRefusesAnythingButAnObject(string $json): void
    {
        try {
            ParamEncoding::form(self::j($json), 'requestBody');
            self::fail('not refused');
        } catch (SDKValidationException $e) {
            self::assertSame('requestBody', $e->path);
        }
    }
}
