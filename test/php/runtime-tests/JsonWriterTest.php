<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests;

use PHPUnit\Framework\TestCase;
use SdkgenRuntime\Models\Errors\SDKValidationException;
use SdkgenRuntime\Tests\Support\Color;
use SdkgenRuntime\Tests\Support\Level;
use SdkgenRuntime\Tests\Support\Pet;
use SdkgenRuntime\Utils\Json;

final class JsonWriterTest extends TestCase
{
    private static function refusal(\Closure $write, mixed $value, string $path = '$.x'): SDKValidationException
    {
        try {
            $write($value, $path);
        } catch (SDKValidationException $e) {
            return $e;
        }
        self::fail('no SDKValidationException');
    }

    public function testScalarWritersGiveTheJsonForm(): void
    {
        self::assertSame('a"b', Json::writeString()('a"b', '$'));
        self::assertTrue(Json::writeBool()(true, '$'));
        self::assertSame(-3, Json::writeInt()(-3, '$'));
        self::assertSame(1.25, Json::writeFloat()(1.25, '$'));
        self::assertSame(2, Json::writeFloat()(2, '$'));
        self::assertEquals((object) ['a' => 1], Json::writeAny()((object) ['a' => 1], '$'));
    }

    public function testScalarWritersRefuseTheWrongType(): void
    {
        $e = self::refusal(Json::writeString(), 5, '$.name');
        self::assertSame('$.name', $e->path);
        self::assertSame('Invalid input at $.name: expected a string, got int', $e->getMessage());
        self::assertSame('Invalid input at $.x: expected an integer, got string', self::refusal(Json::writeInt(), '5')->getMessage());
        self::assertSame('Invalid input at $.x: expected a boolean, got int', self::refusal(Json::writeBool(), 1)->getMessage());
        self::assertSame('Invalid input at $.x: a value is required', self::refusal(Json::writeString(), null)->getMessage());
        self::assertSame('Invalid input at $.x: expected a number, got string', self::refusal(Json::writeFloat(), '1.5')->getMessage());
    }

    /** @return iterable<array{float}> */
    public static function nonFinite(): iterable
    {
        yield [NAN];
        yield [INF];
        yield [-INF];
    }

    /** @dataProvider nonFinite */
    public function testWriteFloatRefusesNaNAndInfinities(float $value): void
    {
        $e = self::refusal(Json::writeFloat(), $value, '$.ratio');
        self::assertSame('$.ratio', $e->path);
        self::assertStringContainsString('NaN and infinities have no JSON form', $e->getMessage());
    }

    public function testWriteListNamesTheItemAtFault(): void
    {
        self::assertSame([1.0, 2], Json::writeList(Json::writeFloat())([1.0, 2], '$.xs'));
        self::assertSame('$.xs[1]', self::refusal(Json::writeList(Json::writeFloat()), [1.0, NAN], '$.xs')->path);
        self::assertSame('$.xs', self::refusal(Json::writeList(Json::writeInt()), ['a' => 1], '$.xs')->path);
    }

    public function testWriteMapSortsItsKeysOrdinally(): void
    {
        $out = Json::writeMap(Json::writeInt())(['b' => 2, 'a' => 1, 'B' => 3, '10' => 4], '$.m');
        self::assertInstanceOf(\stdClass::class, $out);
        self::assertSame('{"10":4,"B":3,"a":1,"b":2}', Json::encode($out));
        self::assertSame('{}', Json::encode(Json::writeMap(Json::writeInt())([], '$')));
        self::assertSame('$.m.b', self::refusal(Json::writeMap(Json::writeInt()), ['a' => 1, 'b' => 'x'], '$.m')->path);
    }

    public function testNullableWritersWriteNull(): void
    {
        self::assertSame([1, null], Json::writeList(Json::writeNullable(Json::writeInt()))([1, null], '$'));
        self::assertSame('[1,null]', Json::encode(Json::writeList(Json::writeNullable(Json::writeInt()))([1, null], '$')));
    }

    public function testWriteEnumWritesTheCaseValue(): void
    {
        self::assertSame('green', Json::writeEnum(Color::class, false)(Color::Green, '$'));
        self::assertSame(1, Json::writeEnum(Level::class, false)(Level::High, '$'));
    }

    public function testWriteEnumTakesARawValueOnlyWhenOpen(): void
    {
        self::assertSame('purple', Json::writeEnum(Color::class, true)('purple', '$'));
        self::assertSame(9, Json::writeEnum(Level::class, true)(9, '$'));
        $e = self::refusal(Json::writeEnum(Color::class, false), 'purple', '$.color');
        self::assertSame('$.color', $e->path);
        self::assertSame('Invalid input at $.color: not one of the values of Color', $e->getMessage());
        self::assertSame('$.level', self::refusal(Json::writeEnum(Level::class, true), 'high', '$.level')->path);
        self::assertSame('$.c', self::refusal(Json::writeEnum(Color::class, true), Level::Low, '$.c')->path);
    }

    public function testAModelWritesItselfThroughTheWriters(): void
    {
        $pet = new Pet(1, 'Rex', 'plaid', ['a', 'b'], new Pet(2, 'Ann'), 'R', 4.0, ['zeta' => true, 'alpha' => [1], 'id' => 99]);
        $json = Json::writeModel()($pet, '$');
        self::assertSame(
            '{"id":1,"name":"Rex","color":"plaid","tags":["a","b"],"owner":{"id":2,"name":"Ann","color":"red"},"nick":"R","weight":4,"alpha":[1],"zeta":true}',
            Json::encode($json),
        );
        $back = Pet::fromJson(json_decode(Json::encode($json), false, 512, JSON_THROW_ON_ERROR), '$');
        self::assertSame('Ann', $back->owner?->name);
        self::assertSame(Color::Red, $back->owner?->color);
        self::assertSame('plaid', $back->color);
        self::assertSame(4.0, $back->weight);
        self::assertSame(['alpha' => [1], 'zeta' => true], $back->extra);
    }

    public function testAModelNamesThePathOfAnInvalidValue(): void
    {
        $pet = new Pet(1, 'Rex', Color::Red, null, new Pet(2, 'Ann', Color::Red, null, null, null, NAN));
        $e = self::refusal(Json::writeModel(), $pet, '$.requestBody');
        self::assertSame('$.requestBody.owner.weight', $e->path);
        self::assertSame('$.body', self::refusal(Json::writeModel(), 'not a model', '$.body')->path);
    }

    public function testPutExtraNeverWritesOverADeclaredName(): void
    {
        $out = new \stdClass();
        Json::put($out, 'id', 9, '$', Json::writeInt());
        Json::putExtra($out, ['z' => 1, 'id' => 2, 'a' => 3], ['id'], '$', Json::writeInt());
        self::assertSame('{"id":9,"a":3,"z":1}', Json::encode($out));
        Json::putExtra($out, null, ['id'], '$', Json::writeInt());
        self::assertSame('{"id":9,"a":3,"z":1}', Json::encode($out));
    }

    /** @return iterable<array{mixed, string}> */
    public static function stringified(): iterable
    {
        // Expected strings as node's JSON.stringify prints them.
        yield [1.0, '1'];
        yield [0.1, '0.1'];
        yield [1e21, '1e+21'];
        yield [1e20, '100000000000000000000'];
        yield [1.5e-7, '1.5e-7'];
        yield [123456789012345680000.0, '123456789012345680000'];
        yield [-0.0, '0'];
        yield [5e-324, '5e-324'];
        yield [1.7976931348623157e308, '1.7976931348623157e+308'];
        yield [0.000001, '0.000001'];
        yield [1e-7, '1e-7'];
        yield [-1.5, '-1.5'];
        yield [100.0, '100'];
        yield [0.1 + 0.2, '0.30000000000000004'];
        yield [123.456, '123.456'];
        yield [1 / 3, '0.3333333333333333'];
        yield [9007199254740994.0, '9007199254740994'];
        yield [1e300, '1e+300'];
        yield [-2.5e-10, '-2.5e-10'];
        yield [42, '42'];
        yield [-9223372036854775807 - 1, '-9223372036854775808'];
        yield [true, 'true'];
        yield [null, 'null'];
        yield [[], '[]'];
        yield [new \stdClass(), '{}'];
        yield [[1, [2, []], (object) ['a' => null]], '[1,[2,[]],{"a":null}]'];
        yield ["a/é\u{2028}\x01\x7f\"\\\t\x08\x0c<>&\u{a0}😀", "\"a/é\u{2028}\\u0001\x7f\\\"\\\\\\t\\b\\f<>&\u{a0}😀\""];
        yield [(object) ['k/é' => 'v', '' => 1, '1' => 2], '{"k/é":"v","":1,"1":2}'];
    }

    /** @dataProvider stringified */
    public function testEncodeGivesTheBytesOfJsonStringify(mixed $value, string $expected): void
    {
        self::assertSame($expected, Json::encode($value));
    }

    public function testEncodeIgnoresTheSerializePrecisionSetting(): void
    {
        $saved = ini_get('serialize_precision');
        ini_set('serialize_precision', '17');
        try {
            self::assertSame('0.1', Json::encode(0.1));
            self::assertSame('17', ini_get('serialize_precision'));
        } finally {
            ini_set('serialize_precision', (string) $saved);
        }
    }

    public function testEncodeRefusesWhatJsonCannotHold(): void
    {
        try {
            Json::encode([1, (object) ['r' => NAN]]);
            self::fail('NaN encoded');
        } catch (SDKValidationException $e) {
            self::assertSame('$[1].r', $e->path);
        }
        try {
            Json::encode("\xff");
            self::fail('invalid UTF-8 encoded');
        } catch (SDKValidationException $e) {
            self::assertStringContainsString('not valid UTF-8', $e->getMessage());
        }
        try {
            Json::encode(new \DateTimeImmutable());
            self::fail('an object encoded');
        } catch (SDKValidationException $e) {
            self::assertStringContainsString('DateTimeImmutable has no JSON form', $e->getMessage());
        }
    }

    public function testEncodedFloatsRoundTrip(): void
    {
        foreach ([0.1, 1 / 3, 2.5e-308, 1.7976931348623157e308, 123456.789e10, 4.35, 0.07] as $f) {
            self::assertSame($f, (float) Json::encode($f));
        }
    }
}
