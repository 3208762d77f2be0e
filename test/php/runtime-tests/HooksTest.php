<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests;

require_once __DIR__ . '/Support/Hooks.php';

use GuzzleHttp\Exception\ConnectException;
use PHPUnit\Framework\TestCase;
use Psr\Http\Message\RequestInterface;
use Psr\Http\Message\ResponseInterface;
use SdkgenRuntime\Models\Errors\ConnectionException;
use SdkgenRuntime\Tests\Support\BeforeHook;
use SdkgenRuntime\Tests\Support\ErrorHook;
use SdkgenRuntime\Tests\Support\EveryHook;
use SdkgenRuntime\Tests\Support\Stub;
use SdkgenRuntime\Tests\Support\SuccessHook;
use SdkgenRuntime\Utils\BackoffStrategy;
use SdkgenRuntime\Utils\Call;
use SdkgenRuntime\Utils\CallResponse;
use SdkgenRuntime\Utils\HookContext;
use SdkgenRuntime\Utils\RequestOptions;
use SdkgenRuntime\Utils\RetryConfig;
use SdkgenRuntime\Utils\SDKConfiguration;
use SdkgenRuntime\Utils\SDKHooks;

final class HooksTest extends TestCase
{
    private static function config(Stub $stub): SDKConfiguration
    {
        $config = new SDKConfiguration($stub->client);
        $config->serverUrl = 'http://a.example';
        return $config;
    }

    private static function fastBackoff(): RetryConfig
    {
        return new RetryConfig('backoff', new BackoffStrategy(1, 5, 1.5, 10000), true);
    }

    private static function send(SDKConfiguration $config, ?RequestOptions $options = null, ?string $serverUrl = null): CallResponse
    {
        return (new Call($config, 'getThing', 'GET', '/path', 'application/json'))->send($serverUrl, $options);
    }

    private static function thrown(\Closure $run): \Throwable
    {
        try {
            $run();
        } catch (\Throwable $e) {
            return $e;
        }
        self::fail('nothing was thrown');
    }

    public function testABeforeRequestHookCanReplaceTheRequest(): void
    {
        $stub = new Stub(static fn () => Stub::status(200));
        $config = self::config($stub);
        $config->hooks->registerBeforeRequestHook(new BeforeHook(static fn (HookContext $ctx, RequestInterface $r) => $r
            ->withMethod('PUT')
            ->withUri($r->getUri()->withPath('/replaced'))
            ->withHeader('X-Hooked', 'yes')));
        self::send($config);
        $seen = $stub->single();
        self::assertSame('PUT', $seen->getMethod());
        self::assertSame('http://a.example/replaced', (string) $seen->getUri());
        self::assertSame('yes', $seen->getHeaderLine('X-Hooked'));
        self::assertSame('application/json', $seen->getHeaderLine('Accept'));
    }

    public function testABeforeRequestHookRunsForEveryRedirectHop(): void
    {
        $stub = new Stub(static fn ($r, int $i) => $i > 0 ? Stub::status(200) : Stub::redirect(302, '/next'));
        $config = self::config($stub);
        $hops = 0;
        $config->hooks->registerBeforeRequestHook(new BeforeHook(static function (HookContext $ctx, RequestInterface $r) use (&$hops) {
            return $r->withHeader('X-Hop', (string) ++$hops);
        }));
        self::send($config);
        self::assertSame(['1', '2'], array_map(static fn ($r) => $r->getHeaderLine('X-Hop'), $stub->requests));
    }

    public function testAnAfterSuccessHookCanReplaceA2xxResponse(): void
    {
        $stub = new Stub(static fn () => Stub::status(200, '{"from":"server"}'));
        $config = self::config($stub);
        $seen = [];
        $config->hooks->registerAfterSuccessHook(new SuccessHook(static function (HookContext $ctx, ResponseInterface $response) use (&$seen) {
            $seen[] = $response->getStatusCode();
            return Stub::status(201, '{"from":"hook"}');
        }));
        $result = self::send($config);
        self::assertSame([200], $seen);
        self::assertSame(201, $result->statusCode);
        self::assertSame('{"from":"hook"}', $result->text());
    }

    public function testAnAfterSuccessHookDoesNotSeeAnError(): void
    {
        $stub = new Stub(static fn () => Stub::status(404));
        $config = self::config($stub);
        $ran = false;
        $config->hooks->registerAfterSuccessHook(new SuccessHook(static function (HookContext $ctx, ResponseInterface $response) use (&$ran) {
            $ran = true;
            return $response;
        }));
        self::assertSame(404, self::send($config)->statusCode);
        self::assertFalse($ran);
    }

    public function testAnAfterErrorHookSeesANon2xxResponse(): void
    {
        $stub = new Stub(static fn () => Stub::status(404, '{"error":"missing"}'));
        $config = self::config($stub);
        $seen = [];
        $config->hooks->registerAfterErrorHook(new ErrorHook(static function (HookContext $ctx, ?ResponseInterface $response, ?\Throwable $error) use (&$seen) {
            $seen[] = [$response?->getStatusCode(), $error];
            return $response;
        }));
        $result = self::send($config);
        self::assertSame(404, $result->statusCode);
        self::assertSame('{"error":"missing"}', $result->text());
        self::assertSame([[404, null]], $seen);
    }

    public function testAnAfterErrorHookDoesNotSeeASuccess(): void
    {
        $stub = new Stub(static fn () => Stub::status(200));
        $config = self::config($stub);
        $ran = false;
        $config->hooks->registerAfterErrorHook(new ErrorHook(static function ($ctx, $response) use (&$ran) {
            $ran = true;
            return $response;
        }));
        self::send($config);
        self::assertFalse($ran);
    }

    public function testAnAfterErrorHookCanReplaceANon2xxResponse(): void
    {
        $stub = new Stub(static fn () => Stub::status(500));
        $config = self::config($stub);
        $config->hooks->registerAfterErrorHook(new ErrorHook(static fn () => Stub::status(200, '{"cached":true}')));
        $result = self::send($config);
        self::assertSame(200, $result->statusCode);
        self::assertSame('{"cached":true}', $result->text());
    }

    public function testAnAfterErrorHookThatReplacesARetriedStatusStopsTheRetry(): void
    {
        $stub = new Stub(static fn () => Stub::status(503));
        $config = self::config($stub);
        $config->hooks->registerAfterErrorHook(new ErrorHook(static fn () => Stub::status(200)));
        self::assertSame(200, self::send($config, new RequestOptions(null, self::fastBackoff()))->statusCode);
        self::assertCount(1, $stub->requests);
    }

    public function testAnAfterErrorHookThatDropsAResponseFailsTheCall(): void
    {
        $stub = new Stub(static fn () => Stub::status(404));
        $config = self::config($stub);
        $config->hooks->registerAfterErrorHook(new ErrorHook(static fn () => null));
        $e = self::thrown(static fn () => self::send($config));
        self::assertInstanceOf(ConnectionException::class, $e);
        self::assertSame('getThing: an after-error hook dropped the response', $e->getMessage());
    }

    public function testAnAfterErrorHookCanTurnAResponseIntoItsOwnError(): void
    {
        $stub = new Stub(static fn () => Stub::status(404));
        $config = self::config($stub);
        $mine = new \DomainException('mine');
        $config->hooks->registerAfterErrorHook(new ErrorHook(static fn () => throw $mine));
        self::assertSame($mine, self::thrown(static fn () => self::send($config)));
    }

    public function testAnAfterErrorHookSeesAConnectionFailure(): void
    {
        $stub = new Stub(static fn (RequestInterface $r) => throw new ConnectException('connection refused', $r));
        $config = self::config($stub);
        $seen = [];
        $config->hooks->registerAfterErrorHook(new ErrorHook(static function ($ctx, ?ResponseInterface $response, ?\Throwable $error) use (&$seen) {
            $seen[] = [$response, $error];
            return $response;
        }));
        $thrown = self::thrown(static fn () => self::send($config));
        self::assertCount(1, $seen);
        [$response, $error] = $seen[0];
        self::assertNull($response);
        self::assertInstanceOf(ConnectionException::class, $error);
        self::assertSame('getThing: connection refused', $error->getMessage());
        self::assertSame($error, $thrown);
    }

    public function testAnAfterErrorHookCanReplaceAConnectionFailureWithAResponse(): void
    {
        $stub = new Stub(static fn (RequestInterface $r) => throw new ConnectException('connection refused', $r));
        $config = self::config($stub);
        $config->hooks->registerAfterErrorHook(new ErrorHook(static fn () => Stub::status(200, '{"offline":true}')));
        $result = self::send($config);
        self::assertSame(200, $result->statusCode);
        self::assertSame('{"offline":true}', $result->text());
    }

    public function testHooksRunInRegistrationOrderEachSeeingTheLastOnesResult(): void
    {
        $stub = new Stub(static fn () => Stub::status(200, 'server'));
        $config = self::config($stub);
        $log = [];
        $config->hooks
            ->registerBeforeRequestHook(new BeforeHook(static function ($ctx, RequestInterface $r) use (&$log) {
                $log[] = 'before 1';
                return $r->withAddedHeader('X-Order', '1');
            }))
            ->registerBeforeRequestHook(new BeforeHook(static function ($ctx, RequestInterface $r) use (&$log) {
                $log[] = 'before 2';
                return $r->withAddedHeader('X-Order', '2');
            }))
            ->registerAfterSuccessHook(new SuccessHook(static function ($ctx, ResponseInterface $response) use (&$log) {
                $log[] = 'success 1';
                return Stub::status(200, 'first', ['X-Replaced-By' => 'first']);
            }))
            ->registerAfterSuccessHook(new SuccessHook(static function ($ctx, ResponseInterface $response) use (&$log) {
                $log[] = 'success 2 saw ' . $response->getHeaderLine('X-Replaced-By');
                return Stub::status(200, 'second');
            }));
        $result = self::send($config);
        self::assertSame(['before 1', 'before 2', 'success 1', 'success 2 saw first'], $log);
        self::assertSame('1, 2', $stub->single()->getHeaderLine('X-Order'));
        self::assertSame('second', $result->text());
    }

    public function testAfterErrorHooksRunInRegistrationOrder(): void
    {
        $stub = new Stub(static fn () => Stub::status(500));
        $config = self::config($stub);
        $log = [];
        $config->hooks
            ->registerAfterErrorHook(new ErrorHook(static function ($ctx, ?ResponseInterface $response) use (&$log) {
                $log[] = 'first saw ' . $response?->getStatusCode();
                return Stub::status(502);
            }))
            ->registerAfterErrorHook(new ErrorHook(static function ($ctx, ?ResponseInterface $response) use (&$log) {
                $log[] = 'second saw ' . $response?->getStatusCode();
                return $response;
            }));
        self::assertSame(502, self::send($config)->statusCode);
        self::assertSame(['first saw 500', 'second saw 502'], $log);
    }

    public function testAnObjectOfEveryKindIsRegisteredForEveryKind(): void
    {
        $stub = new Stub(static fn ($r, int $i) => Stub::status($i === 0 ? 503 : 200));
        $config = self::config($stub);
        $hook = new EveryHook();
        $config->hooks->register($hook);
        self::send($config, new RequestOptions(null, self::fastBackoff()));
        self::assertSame(['before', 'error', 'before', 'success'], $hook->log);
    }

    public function testTheContextNamesTheOperationTheServerAndTheAttempt(): void
    {
        $stub = new Stub(static fn (RequestInterface $r, int $i) => $i === 0 ? throw new ConnectException('reset', $r) : Stub::status($i === 1 ? 503 : 200));
        $config = self::config($stub);
        $contexts = [];
        $config->hooks
            ->registerBeforeRequestHook(new BeforeHook(static function (HookContext $ctx, $r) use (&$contexts) {
                $contexts[] = ['before', $ctx];
                return $r;
            }))
            ->registerAfterErrorHook(new ErrorHook(static function (HookContext $ctx, $response) use (&$contexts) {
                $contexts[] = ['error', $ctx];
                return $response;
            }))
            ->registerAfterSuccessHook(new SuccessHook(static function (HookContext $ctx, $response) use (&$contexts) {
                $contexts[] = ['success', $ctx];
                return $response;
            }));
        self::assertSame(200, self::send($config, new RequestOptions(null, self::fastBackoff()))->statusCode);
        self::assertSame(
            [['before', 1], ['error', 1], ['before', 2], ['error', 2], ['before', 3], ['success', 3]],
            array_map(static fn (array $c) => [$c[0], $c[1]->attempt], $contexts),
        );
        foreach ($contexts as [, $ctx]) {
            self::assertSame('getThing', $ctx->operationId);
            self::assertSame('http://a.example', $ctx->baseUrl);
        }
    }

    public function testTheContextNamesTheServerTheCallChose(): void
    {
        $stub = new Stub(static fn () => Stub::status(200));
        $config = self::config($stub);
        $seen = null;
        $config->hooks->registerBeforeRequestHook(new BeforeHook(static function (HookContext $ctx, $r) use (&$seen) {
            $seen = $ctx;
            return $r;
        }));
        self::send($config, null, 'http://c.example/v2');
        self::assertSame('http://c.example/v2', $seen?->baseUrl);
        self::assertSame(1, $seen?->attempt);
    }

    public function testRegisterRefusesAnObjectThatIsNoHook(): void
    {
        $hooks = new SDKHooks();
        try {
            $hooks->register(new \stdClass());
            self::fail('registered');
        } catch (\InvalidArgumentException $e) {
            self::assertTrue($hooks->isEmpty());
        }
    }

    public function testRegisterReturnsTheHooksForChaining(): void
    {
        $hooks = new SDKHooks();
        self::assertSame($hooks, $hooks->register(new EveryHook()));
        self::assertFalse($hooks->isEmpty());
    }
}
