<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests;

use GuzzleHttp\Psr7\Response;
use PHPUnit\Framework\TestCase;
use SdkgenRuntime\Models\Errors\APIException;
use SdkgenRuntime\Models\Errors\ConnectionException;
use SdkgenRuntime\Models\Errors\ResponseValidationException;
use SdkgenRuntime\Models\Errors\SDKBaseException;
use SdkgenRuntime\Models\Errors\SDKException;
use SdkgenRuntime\Models\Errors\SDKValidationException;
use SdkgenRuntime\Tests\Support\Pet;
use SdkgenRuntime\Utils\CallResponse;
use SdkgenRuntime\Utils\Json;
use SdkgenRuntime\Utils\JsonIssue;

final class CallResponseTest extends TestCase
{
    private static function response(int $status, string $body = '', ?string $contentType = 'application/json', array $headers = []): CallResponse
    {
        if ($contentType !== null) {
            $headers['Content-Type'] = $contentType;
        }
        return new CallResponse(new Response($status, $headers, $body), $body);
    }

    /** @return iterable<array{int, int}> */
    public static function picks(): iterable
    {
        yield [200, 0];
        yield [404, 1];
        yield [418, 2];
        yield [500, 3];
    }

    /** @dataProvider picks */
    public function testPickPrefersExactThenRangeThenDefault(int $status, int $expected): void
    {
        self::assertSame($expected, self::response($status)->pick('200', '404', '4XX', 'default'));
    }

    public function testPickPrefersAnExactStatusListedAfterARange(): void
    {
        self::assertSame(1, self::response(404)->pick('4XX', '404'));
    }

    public function testPickAcceptsLowerCaseRanges(): void
    {
        self::assertSame(0, self::response(503)->pick('5xx'));
    }

    public function testPickIsMinusOneWhenNothingMatches(): void
    {
        self::assertSame(-1, self::response(500)->pick('200', '4XX'));
        self::assertSame(-1, self::response(204)->pick());
    }

    /** @return iterable<array{string, string, bool}> */
    public static function contentTypes(): iterable
    {
        yield ['application/json; charset=utf-8', 'application/json', true];
        yield ['application/json; charset=utf-8', 'Application/JSON', true];
        yield ['application/json', 'application/json; charset=utf-8', true];
        yield ['application/json', 'application/*', true];
        yield ['application/json', '*/*', true];
        yield ['application/json', 'text/*', false];
        yield ['application/json', 'application/xml', false];
        yield ['application/problem+json', 'application/json', false];
        yield ['text/plain', 'text/plain', true];
        yield ['TEXT/HTML;charset=UTF-8', 'text/html', true];
    }

    /** @dataProvider contentTypes */
    public function testContentTypeIsComparesMediaTypes(string $got, string $declared, bool $expected): void
    {
        self::assertSame($expected, self::response(200, '', $got)->contentTypeIs($declared));
    }

    public function testAResponseWithoutContentTypeOnlySatisfiesAnyType(): void
    {
        $response = self::response(200, '', null);
        self::assertSame('', $response->contentType);
        self::assertTrue($response->contentTypeIs('*/*'));
        self::assertFalse($response->contentTypeIs('application/json'));
    }

    public function testDecodeJsonReadsTheBody(): void
    {
        $count = self::response(200, '{"count":3}')->decodeJson(static fn ($j, $p) => Json::field(Json::expectObject($j, $p), 'count', $p, Json::int(), true, null));
        self::assertSame(3, $count);
    }

    public function testDecodeJsonTurnsAMismatchIntoAResponseValidationException(): void
    {
        $response = self::response(200, '{"count":"many"}');
        try {
            $response->decodeJson(static fn ($j, $p) => Json::field(Json::expectObject($j, $p), 'count', $p, Json::int(), true, null));
            self::fail('no exception');
        } catch (ResponseValidationException $e) {
            self::assertSame('$.count', $e->path);
            self::assertSame('Response validation failed at $.count: expected an integer, got a string', $e->getMessage());
            self::assertSame(200, $e->statusCode);
            self::assertSame('{"count":"many"}', $e->body);
            self::assertSame('application/json', $e->contentType);
            self::assertInstanceOf(JsonIssue::class, $e->getPrevious());
        }
    }

    public function testDecodeJsonNamesTheDeepPathOfAModel(): void
    {
        try {
            self::response(200, '{"id":1,"name":"a","owner":{"id":2,"name":"b","color":7}}')->decodeJson(Json::model(Pet::class));
            self::fail('no exception');
        } catch (ResponseValidationException $e) {
            self::assertSame('$.owner.color', $e->path);
            self::assertStringContainsString('owner.color', $e->getMessage());
        }
    }

    /** @return iterable<array{string}> */
    public static function invalidJson(): iterable
    {
        yield ['{'];
        yield [''];
        yield ['<html></html>'];
        yield ['{"a":1}x'];
    }

    /** @dataProvider invalidJson */
    public function testDecodeJsonTurnsInvalidJsonIntoAResponseValidationExceptionAtTheRoot(string $body): void
    {
        try {
            self::response(200, $body)->decodeJson(Json::any());
            self::fail('no exception');
        } catch (ResponseValidationException $e) {
            self::assertSame('$', $e->path);
            self::assertSame('Response validation failed at $: the body is not valid JSON', $e->getMessage());
            self::assertInstanceOf(\JsonException::class, $e->getPrevious());
        }
    }

    public function testMessageAtReadsTheDecodedBody(): void
    {
        $response = self::response(400, '{"errors":[{"message":"bad id"},{"message":"bad name"}]}');
        $path = ['errors', '*', 'message'];
        self::assertSame('fallback', $response->messageAt($path, 'fallback'));
        $response->decodeJson(Json::any());
        self::assertSame('bad id; bad name', $response->messageAt($path, 'fallback'));
        self::assertSame('fallback', $response->messageAt(['missing'], 'fallback'));
        self::assertSame('fallback', $response->messageAt(null, 'fallback'));
    }

    public function testUnexpectedNamesTheStatusAndContentTypeButNotTheBody(): void
    {
        $e = self::response(500, 'token=secret', 'text/plain')->unexpected('Unexpected response');
        self::assertInstanceOf(SDKException::class, $e);
        self::assertSame('Unexpected response: Status 500 Content-Type "text/plain"', $e->getMessage());
        self::assertStringNotContainsString('secret', $e->getMessage());
        self::assertSame(500, $e->statusCode);
        self::assertSame('token=secret', $e->body);
        self::assertNotNull($e->rawResponse);
    }

    public function testAnErrorExposesTheResponseHeaders(): void
    {
        $e = self::response(429, '', 'text/plain', ['Retry-After' => '5'])->unexpected('Too many');
        self::assertSame(['5'], $e->headers()['Retry-After']);
        self::assertSame([], (new ConnectionException('down'))->headers());
    }

    public function testIsSuccessIsTrueOnlyFor2xx(): void
    {
        self::assertTrue(self::response(200)->isSuccess());
        self::assertTrue(self::response(299)->isSuccess());
        self::assertFalse(self::response(199)->isSuccess());
        self::assertFalse(self::response(300)->isSuccess());
    }

    public function testTheResponseKeepsItsParts(): void
    {
        $response = self::response(201, 'héllo', 'text/plain; charset=utf-8');
        self::assertSame(201, $response->statusCode);
        self::assertSame('héllo', $response->text());
        self::assertSame('héllo', $response->body);
        self::assertSame('text/plain; charset=utf-8', $response->contentType);
        self::assertSame(201, $response->raw->getStatusCode());
    }

    public function testEveryErrorIsAnSDKBaseException(): void
    {
        $response = self::response(400, '{"message":"nope"}');
        $declared = new class ('nope', $response) extends APIException {
        };
        self::assertInstanceOf(SDKBaseException::class, $declared);
        self::assertSame('nope', $declared->getMessage());
        self::assertSame(400, $declared->statusCode);
        $validation = new SDKValidationException('a value is required', 'login');
        self::assertSame('Invalid input at login: a value is required', $validation->getMessage());
        self::assertSame('login', $validation->path);
        self::assertNull($validation->statusCode);
        self::assertInstanceOf(\RuntimeException::class, $validation);
    }
}
