<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests;

use PHPUnit\Framework\TestCase;
use SdkgenRuntime\Tests\Support\Color;
use SdkgenRuntime\Tests\Support\Level;
use SdkgenRuntime\Tests\Support\Pet;
use SdkgenRuntime\Utils\Json;
use SdkgenRuntime\Utils\JsonIssue;

final class JsonReaderTest extends TestCase
{
    private static function j(string $text): mixed
    {
        return json_decode($text, false, 512, JSON_THROW_ON_ERROR);
    }

    private static function issue(\Closure $read, string $json, string $path = '$.field'): JsonIssue
    {
        try {
            $read(self::j($json), $path);
        } catch (JsonIssue $e) {
            return $e;
        }
        self::fail("no JsonIssue for {$json}");
    }

    public function testScalarReadersReadTheirType(): void
    {
        self::assertSame('hi', Json::string()(self::j('"hi"'), '$'));
        self::assertTrue(Json::bool()(self::j('true'), '$'));
        self::assertFalse(Json::bool()(self::j('false'), '$'));
        self::assertSame(-7, Json::int()(self::j('-7'), '$'));
        self::assertSame(3000000000, Json::int()(self::j('3000000000'), '$'));
        self::assertSame(1.25, Json::float()(self::j('1.25'), '$'));
        self::assertSame(2.0, Json::float()(self::j('2'), '$'));
        self::assertSame('ünïcödé/😀', Json::string()(self::j('"\u00fcn\u00efc\u00f6d\u00e9\/\ud83d\ude00"'), '$'));
    }

    public function testIntAcceptsAnIntegralNumberWrittenWithAFraction(): void
    {
        self::assertSame(1, Json::int()(self::j('1.0'), '$'));
        self::assertSame(1000, Json::int()(self::j('1e3'), '$'));
    }

    /** @return iterable<string, array{string, string, string}> */
    public static function mismatches(): iterable
    {
        yield 'string from number' => ['string', '5', 'expected a string, got number 5'];
        yield 'string from null' => ['string', 'null', 'expected a string, got null'];
        yield 'bool from string' => ['bool', '"true"', 'expected a boolean, got a string'];
        yield 'bool from number' => ['bool', '1', 'expected a boolean, got number 1'];
        yield 'int from string' => ['int', '"12"', 'expected an integer, got a string'];
        yield 'int from fraction' => ['int', '1.5', 'expected an integer, got number 1.5'];
        yield 'int beyond 64 bits' => ['int', '99999999999999999999', 'expected an integer, got number 100000000000000000000'];
        yield 'int from bool' => ['int', 'true', 'expected an integer, got boolean true'];
        yield 'int from array' => ['int', '[]', 'expected an integer, got an array'];
        yield 'float from object' => ['float', '{}', 'expected a number, got an object'];
        yield 'float from string' => ['float', '"1.5"', 'expected a number, got a string'];
        yield 'float from false' => ['float', 'false', 'expected a number, got boolean false'];
        yield 'float overflowing' => ['float', '1e400', 'expected a number, got a number out of range'];
    }

    /** @dataProvider mismatches */
    public function testScalarReadersNameTheMismatchAndThePath(string $reader, string $json, string $message): void
    {
        $e = self::issue(Json::$reader(), $json);
        self::assertSame('$.field', $e->path);
        self::assertSame($message, $e->getMessage());
    }

    public function testMismatchMessagesNeverQuoteAString(): void
    {
        $e = self::issue(Json::int(), '"secret-token-123"', '$.count');
        self::assertSame('expected an integer, got a string', $e->getMessage());
        self::assertStringNotContainsString('secret', $e->getMessage());
    }

    public function testAnyKeepsTheValueAsItCame(): void
    {
        $value = Json::any()(self::j('{"a":[1,2,null]}'), '$');
        self::assertEquals((object) ['a' => [1, 2, null]], $value);
        self::assertNull(Json::any()(null, '$'));
    }

    public function testListReadsEveryItem(): void
    {
        self::assertSame([1, 2, 3], Json::list(Json::int())(self::j('[1,2,3]'), '$.a'));
        self::assertSame([], Json::list(Json::int())(self::j('[]'), '$.a'));
    }

    public function testListNamesTheItemAtFault(): void
    {
        self::assertSame('$.a[1]', self::issue(Json::list(Json::int()), '[1,"x",3]', '$.a')->path);
    }

    public function testListOfListsNamesTheNestedItem(): void
    {
        self::assertSame('$[1][1]', self::issue(Json::list(Json::list(Json::int())), '[[1],[2,null]]', '$')->path);
    }

    public function testListRefusesAnythingButAnArray(): void
    {
        $e = self::issue(Json::list(Json::int()), '{"0":1}', '$.a');
        self::assertSame('$.a', $e->path);
        self::assertSame('expected an array, got an object', $e->getMessage());
    }

    public function testMapReadsEveryValue(): void
    {
        self::assertSame(['a' => 1, 'b' => 2], Json::map(Json::int())(self::j('{"a":1,"b":2}'), '$.m'));
        self::assertSame([], Json::map(Json::int())(self::j('{}'), '$.m'));
    }

    public function testMapNamesTheValueAtFault(): void
    {
        self::assertSame('$.m.b', self::issue(Json::map(Json::int()), '{"a":1,"b":"x"}', '$.m')->path);
        self::assertSame('expected an object, got an array', self::issue(Json::map(Json::int()), '[]', '$.m')->getMessage());
    }

    public function testNullableAcceptsNullAndTheValue(): void
    {
        $read = Json::nullable(Json::int());
        self::assertNull($read(null, '$'));
        self::assertSame(4, $read(4, '$'));
        self::assertSame('expected an integer, got a string', self::issue($read, '"4"')->getMessage());
    }

    public function testConstantAcceptsOnlyItsValue(): void
    {
        $read = Json::constant(Json::string(), 'movie');
        self::assertSame('movie', $read('movie', '$.type'));
        $e = self::issue($read, '"show"', '$.type');
        self::assertSame('$.type', $e->path);
        self::assertSame('expected the constant movie, got a string', $e->getMessage());
        self::assertSame('expected a string, got number 1', self::issue($read, '1', '$.type')->getMessage());
        self::assertSame('expected the constant 2, got number 3', self::issue(Json::constant(Json::int(), 2), '3')->getMessage());
        $single = Json::constant(Json::enum(Color::class), Color::Green);
        self::assertSame(Color::Green, $single('green', '$'));
        self::assertSame('expected the constant green, got a string', self::issue($single, '"red"')->getMessage());
        self::assertSame('expected the constant true, got boolean false', self::issue(Json::constant(Json::bool(), true), 'false')->getMessage());
    }

    public function testEnumReadsItsCases(): void
    {
        self::assertSame(Color::Green, Json::enum(Color::class)('green', '$'));
        self::assertSame(Level::High, Json::enum(Level::class)(1, '$'));
    }

    public function testAClosedEnumRefusesAnUnknownValue(): void
    {
        $e = self::issue(Json::enum(Color::class), '"purple"', '$.color');
        self::assertSame('$.color', $e->path);
        self::assertSame('a string that is not one of the values of Color', $e->getMessage());
        self::assertSame('a number that is not one of the values of Level', self::issue(Json::enum(Level::class), '7')->getMessage());
    }

    public function testAClosedEnumRefusesTheWrongJsonType(): void
    {
        self::assertSame('expected a string, got number 1', self::issue(Json::enum(Color::class), '1')->getMessage());
        self::assertSame('expected an integer, got a string', self::issue(Json::enum(Level::class), '"1"')->getMessage());
        self::assertSame('expected a string, got null', self::issue(Json::enum(Color::class), 'null')->getMessage());
    }

    public function testAnOpenEnumKeepsAnUnknownValueRaw(): void
    {
        self::assertSame(Color::Red, Json::openEnum(Color::class)('red', '$'));
        self::assertSame('purple', Json::openEnum(Color::class)('purple', '$'));
        self::assertSame(7, Json::openEnum(Level::class)(7, '$'));
        self::assertSame(Level::Low, Json::openEnum(Level::class)(0, '$'));
    }

    public function testAnOpenEnumStillRefusesTheWrongJsonType(): void
    {
        $e = self::issue(Json::openEnum(Color::class), 'true', '$.c');
        self::assertSame('$.c', $e->path);
        self::assertSame('expected a string, got boolean true', $e->getMessage());
        self::assertSame('expected an integer, got a string', self::issue(Json::openEnum(Level::class), '"x"')->getMessage());
    }

    public function testExpectObjectRefusesOtherValues(): void
    {
        self::assertInstanceOf(\stdClass::class, Json::expectObject(self::j('{}'), '$'));
        $e = self::issue(static fn ($j, $p) => Json::expectObject($j, $p), '"x"', '$.o');
        self::assertSame('$.o', $e->path);
        self::assertSame('expected an object, got a string', $e->getMessage());
        self::assertSame('expected an object, got an array', self::issue(static fn ($j, $p) => Json::expectObject($j, $p), '[]')->getMessage());
    }

    public function testFieldReadsAPresentProperty(): void
    {
        self::assertSame(5, Json::field(self::j('{"x":5}'), 'x', '$', Json::int(), true, null));
    }

    public function testFieldRefusesAMissingRequiredProperty(): void
    {
        try {
            Json::field(self::j('{"y":1}'), 'x', '$', Json::int(), true, null);
            self::fail('no issue');
        } catch (JsonIssue $e) {
            self::assertSame('$.x', $e->path);
            self::assertSame('a required property is missing', $e->getMessage());
        }
    }

    public function testFieldGivesTheFallbackForAMissingOptionalProperty(): void
    {
        self::assertSame(7, Json::field(self::j('{}'), 'x', '$', Json::int(), false, 7));
        self::assertNull(Json::field(self::j('{}'), 'x', '$', Json::nullable(Json::string()), false, null));
    }

    public function testFieldRefusesANullForANonNullableReader(): void
    {
        try {
            Json::field(self::j('{"x":null}'), 'x', '$.item', Json::int(), false, 3);
            self::fail('no issue');
        } catch (JsonIssue $e) {
            self::assertSame('$.item.x', $e->path);
            self::assertSame('expected an integer, got null', $e->getMessage());
        }
        self::assertNull(Json::field(self::j('{"x":null}'), 'x', '$', Json::nullable(Json::int()), false, 3));
    }

    public function testExtraLeavesOutTheDeclaredNames(): void
    {
        self::assertSame(['size' => 2, 'weight' => 3], Json::extra(self::j('{"id":1,"size":2,"weight":3}'), '$', ['id'], Json::int()));
    }

    public function testExtraNamesTheValueAtFault(): void
    {
        try {
            Json::extra(self::j('{"id":"a","n":"b"}'), '$.o', ['id'], Json::int());
            self::fail('no issue');
        } catch (JsonIssue $e) {
            self::assertSame('$.o.n', $e->path);
        }
    }

    public function testParseReadsAJsonText(): void
    {
        self::assertSame([1, 2], Json::parse('[1,2]', Json::list(Json::int())));
        self::assertSame(Color::Green, Json::parse('"green"', Json::enum(Color::class)));
    }

    public function testAModelReadsItselfAndAppliesDefaults(): void
    {
        $pet = Json::model(Pet::class)(self::j('{"id":1,"name":"Rex","owner":{"id":2,"name":"Ann","color":"plaid"},"nick":null,"legs":4}'), '$');
        self::assertInstanceOf(Pet::class, $pet);
        self::assertSame(1, $pet->id);
        self::assertSame(Color::Red, $pet->color);
        self::assertNull($pet->nick);
        self::assertSame(['legs' => 4], $pet->extra);
        self::assertSame('plaid', $pet->owner?->color);
        self::assertSame(2, $pet->owner?->id);
    }

    public function testAModelNamesTheNestedPathOfAMismatch(): void
    {
        $e = self::issue(Json::model(Pet::class), '{"id":1,"name":"Rex","owner":{"id":2,"name":"Ann","tags":["a",3]}}', '$');
        self::assertSame('$.owner.tags[1]', $e->path);
        self::assertSame('$.owner.name', self::issue(Json::model(Pet::class), '{"id":1,"name":"Rex","owner":{"id":2}}', '$')->path);
        self::assertSame('$.services[0].id', self::issue(Json::list(Json::model(Pet::class)), '[{"id":"1","name":"x"}]', '$.services')->path);
    }

    public function testTextAtJoinsTheTextsFoundUnderAStar(): void
    {
        $body = self::j('{"errors":[{"message":"first"},{"message":""},{"code":1},{"message":2},{"message":"second"}]}');
        self::assertSame('first; second', Json::textAt($body, ['errors', '*', 'message']));
    }

    public function testTextAtFollowsPlainSteps(): void
    {
        self::assertSame('bad', Json::textAt(self::j('{"error":{"message":"bad"}}'), ['error', 'message']));
    }

    public function testTextAtIsNullWhenNothingIsFound(): void
    {
        self::assertNull(Json::textAt(self::j('{"error":"bad"}'), ['error', 'message']));
        self::assertNull(Json::textAt(self::j('["a"]'), ['message']));
        self::assertNull(Json::textAt(self::j('{"message":5}'), ['message']));
        self::assertNull(Json::textAt(self::j('{"message":"x"}'), null));
    }
}
