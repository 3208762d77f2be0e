<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests;

use PHPUnit\Framework\TestCase;
use SdkgenRuntime\Utils\BackoffStrategy;
use SdkgenRuntime\Utils\Call;
use SdkgenRuntime\Utils\Json;
use SdkgenRuntime\Utils\ParamEncoding;
use SdkgenRuntime\Utils\RequestOptions;
use SdkgenRuntime\Utils\RetryConfig;
use SdkgenRuntime\Utils\SDKConfiguration;
use SdkgenRuntime\Utils\SecurityScheme;

/** The default Guzzle client against a real server (`php -S`): the bytes that reach the wire. */
final class RealServerTest extends TestCase
{
    /** @var resource|null */
    private static $process = null;

    private static string $base = '';

    public static function setUpBeforeClass(): void
    {
        $probe = stream_socket_server('tcp://127.0.0.1:0');
        self::assertNotFalse($probe);
        $address = stream_socket_get_name($probe, false);
        fclose($probe);
        $null = PHP_OS_FAMILY === 'Windows' ? 'NUL' : '/dev/null';
        self::$process = proc_open(
            [PHP_BINARY, '-S', $address, __DIR__ . '/Support/server/echo.php'],
            [0 => ['file', $null, 'r'], 1 => ['file', $null, 'w'], 2 => ['file', $null, 'w']],
            $pipes,
        );
        self::assertIsResource(self::$process);
        self::$base = "http://{$address}";
        for ($i = 0; $i < 100; $i++) {
            $socket = @stream_socket_client("tcp://{$address}", $errno, $error, 0.1);
            if ($socket !== false) {
                fclose($socket);
                return;
            }
            usleep(20000);
        }
        self::fail('the php -S server did not start');
    }

    public static function tearDownAfterClass(): void
    {
        if (self::$process !== null) {
            proc_terminate(self::$process);
            proc_close(self::$process);
            self::$process = null;
        }
    }

    private static function config(): SDKConfiguration
    {
        $config = new SDKConfiguration();
        $config->serverUrl = self::$base;
        $config->schemes[] = new SecurityScheme('accessToken', 'apiKey', 'header', 'X-Plex-Token');
        $config->security[] = ['accessToken'];
        $config->credentials['accessToken'] = static fn (): string => 'tok';
        return $config;
    }

    /** @return array{method: string, uri: string, headers: array<string, string>, body: string} */
    private static function echoed(Call $call, ?RequestOptions $options = null): array
    {
        $response = $call->send(null, $options);
        self::assertSame(200, $response->statusCode, $response->body);
        self::assertTrue($response->contentTypeIs('application/json'));
        return json_decode($response->body, true, 512, JSON_THROW_ON_ERROR);
    }

    public function testAGetCarriesItsParametersAndNoBody(): void
    {
        $config = self::config();
        $config->setGlobal('header', 'X-Plex-Product', 'simple', false, 'Plex Web');
        $call = new Call($config, 'getTransientToken', 'GET', '/security/{kind}', 'application/json');
        $call->param('path', 'kind', 'simple', false, 'token');
        $call->param('query', 'type', 'form', true, 'delegation');
        $call->param('query', 'scope', 'form', true, 'all');
        $call->param('query', 'tags', 'pipeDelimited', false, ['a b', 'ü']);
        $seen = self::echoed($call);
        self::assertSame('GET', $seen['method']);
        self::assertSame('/security/token?type=delegation&scope=all&tags=a%20b%7C%C3%BC', $seen['uri']);
        self::assertSame('tok', $seen['headers']['x-plex-token']);
        self::assertSame('Plex Web', $seen['headers']['x-plex-product']);
        self::assertSame('application/json', $seen['headers']['accept']);
        self::assertArrayNotHasKey('content-length', $seen['headers']);
        self::assertArrayNotHasKey('transfer-encoding', $seen['headers']);
        self::assertArrayNotHasKey('content-type', $seen['headers']);
        self::assertSame('', $seen['body']);
    }

    public function testAFormBodyArrivesByteForByte(): void
    {
        $body = ParamEncoding::form(json_decode('{"login":"user@example.org","password":"p@ss word&=","rememberMe":true}', false), 'requestBody');
        $call = new Call(self::config(), 'postUsersSignInData', 'POST', '/users/signin', 'application/json');
        $call->security();
        $call->body('application/x-www-form-urlencoded', $body);
        $seen = self::echoed($call);
        self::assertSame('POST', $seen['method']);
        self::assertSame('login=user%40example.org&password=p%40ss+word%26%3D&rememberMe=true', $seen['body']);
        self::assertSame('application/x-www-form-urlencoded', $seen['headers']['content-type']);
        self::assertSame((string) strlen($body), $seen['headers']['content-length']);
        self::assertArrayNotHasKey('x-plex-token', $seen['headers']);
    }

    public function testAJsonBodyArrivesAsJsonStringifyWritesIt(): void
    {
        $call = new Call(self::config(), 'put', 'PUT', '/thing', 'application/json');
        $call->body('application/json', Json::encode((object) ['ratio' => 1.0, 'url' => 'a/b', 'name' => 'é']));
        self::assertSame('{"ratio":1,"url":"a/b","name":"é"}', self::echoed($call)['body']);
    }

    public function testA303IsFollowedAsAGetWithoutBody(): void
    {
        $call = new Call(self::config(), 'post', 'POST', '/redirect?to=' . rawurlencode('/landed?x=1'), 'application/json');
        $call->body('application/json', '{"a":1}');
        $seen = self::echoed($call);
        self::assertSame('GET', $seen['method']);
        self::assertSame('/landed?x=1', $seen['uri']);
        self::assertSame('', $seen['body']);
        self::assertSame('tok', $seen['headers']['x-plex-token']);
    }

    public function testARetriedStatusIsRetriedAndTheLastResponseKept(): void
    {
        $call = new Call(self::config(), 'busy', 'GET', '/status/503', 'application/json');
        $policy = new RetryConfig('backoff', new BackoffStrategy(10, 20, 1.5, 100));
        $response = $call->send(null, new RequestOptions(null, $policy));
        self::assertSame(503, $response->statusCode);
        self::assertSame('status 503', $response->text());
        self::assertTrue($response->contentTypeIs('text/*'));
    }
}
