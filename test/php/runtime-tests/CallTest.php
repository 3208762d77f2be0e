<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests;

use GuzzleHttp\Exception\ConnectException;
use GuzzleHttp\Exception\RequestException;
use PHPUnit\Framework\TestCase;
use Psr\Http\Client\ClientInterface;
use Psr\Http\Client\NetworkExceptionInterface;
use Psr\Http\Message\RequestInterface;
use Psr\Http\Message\ResponseInterface;
use SdkgenRuntime\Models\Errors\ConnectionException;
use SdkgenRuntime\Models\Errors\RequestTimeoutException;
use SdkgenRuntime\Models\Errors\SDKValidationException;
use SdkgenRuntime\Tests\Support\Stub;
use SdkgenRuntime\Utils\BackoffStrategy;
use SdkgenRuntime\Utils\Call;
use SdkgenRuntime\Utils\CallResponse;
use SdkgenRuntime\Utils\RequestOptions;
use SdkgenRuntime\Utils\RetryConfig;
use SdkgenRuntime\Utils\SDKConfiguration;
use SdkgenRuntime\Utils\SecurityScheme;

final class CallTest extends TestCase
{
    private static function config(Stub $stub, ?string $token = 'tok'): SDKConfiguration
    {
        $config = new SDKConfiguration($stub->client);
        $config->serverUrl = 'http://a.example';
        $config->schemes[] = new SecurityScheme('accessToken', 'apiKey', 'header', 'X-Plex-Token');
        $config->security[] = ['accessToken'];
        if ($token !== null) {
            $config->credentials['accessToken'] = static fn (): string => $token;
        }
        return $config;
    }

    private static function fastBackoff(bool $connectionErrors = false): RetryConfig
    {
        return new RetryConfig('backoff', new BackoffStrategy(1, 5, 1.5, 10000), $connectionErrors);
    }

    private static function send(SDKConfiguration $config, ?RequestOptions $options = null, string $method = 'GET', string $path = '/path', ?\Closure $prepare = null): CallResponse
    {
        $call = new Call($config, 'getThing', $method, $path, 'application/json');
        if ($prepare !== null) {
            $prepare($call);
        }
        return $call->send(null, $options);
    }

    /** The exception a call throws, or a failure when it throws none. */
    private static function thrown(\Closure $run): \Throwable
    {
        try {
            $run();
        } catch (\Throwable $e) {
            return $e;
        }
        self::fail('nothing was thrown');
    }

    public function testSendsTheUrlParametersAndCredential(): void
    {
        $stub = new Stub(static fn () => Stub::status(200, '{"ok":true}'));
        $config = self::config($stub);
        $config->serverUrl = 'http://a.example/api/';
        $response = self::send($config, path: '/items/{id}', prepare: static function (Call $call): void {
            $call->param('path', 'id', 'simple', false, 'a/b');
            $call->param('query', 'tags', 'form', false, ['x y', 'z']);
            $call->param('header', 'X-Trace', 'simple', false, 7);
            $call->param('query', 'absent', 'form', true, null);
        });
        self::assertSame(200, $response->statusCode);
        self::assertSame('{"ok":true}', $response->text());
        $seen = $stub->single();
        self::assertSame('http://a.example/api/items/a%2Fb?tags=x%20y,z', (string) $seen->getUri());
        self::assertSame('tok', $seen->getHeaderLine('X-Plex-Token'));
        self::assertSame('7', $seen->getHeaderLine('X-Trace'));
        self::assertSame('application/json', $seen->getHeaderLine('Accept'));
        self::assertSame('GET', $seen->getMethod());
    }

    public function testABodilessRequestCarriesNoBody(): void
    {
        $stub = new Stub(static fn () => Stub::status(200));
        self::send(self::config($stub));
        $seen = $stub->single();
        self::assertSame('', (string) $seen->getBody());
        self::assertFalse($seen->hasHeader('Content-Type'));
    }

    public function testAnEmptyAcceptSendsNoAcceptHeader(): void
    {
        $stub = new Stub(static fn () => Stub::status(204, ''));
        (new Call(self::config($stub), 'getThing', 'DELETE', '/path', ''))->send();
        self::assertFalse($stub->single()->hasHeader('Accept'));
    }

    public function testSendsTheBodyWithItsContentType(): void
    {
        $stub = new Stub(static fn () => Stub::status(201));
        self::send(self::config($stub), method: 'POST', prepare: static fn (Call $call) => $call->body('application/x-www-form-urlencoded', 'a=1'));
        $seen = $stub->single();
        self::assertSame('POST', $seen->getMethod());
        self::assertSame('a=1', (string) $seen->getBody());
        self::assertSame('application/x-www-form-urlencoded', $seen->getHeaderLine('Content-Type'));
    }

    public function testSendsCookieParametersInOneHeader(): void
    {
        $stub = new Stub(static fn () => Stub::status(200));
        self::send(self::config($stub), prepare: static function (Call $call): void {
            $call->param('cookie', 'session', 'form', true, 'a b');
            $call->param('cookie', 'ids', 'form', false, [1, 2]);
        });
        self::assertSame('session=a%20b; ids=1%2C2', $stub->single()->getHeaderLine('Cookie'));
    }

    public function testSkipsASecurityAlternativeWithoutItsCredential(): void
    {
        $stub = new Stub(static fn () => Stub::status(200));
        self::send(self::config($stub, null));
        self::assertFalse($stub->single()->hasHeader('X-Plex-Token'));
    }

    public function testRefusesAServerUrlThatIsNotHttp(): void
    {
        $stub = new Stub(static fn () => Stub::status(200));
        foreach (['ftp://a.example', 'not a url', 'http://'] as $url) {
            $config = self::config($stub);
            $config->serverUrl = $url;
            $e = self::thrown(static fn () => self::send($config));
            self::assertInstanceOf(SDKValidationException::class, $e, $url);
            self::assertSame('serverURL', $e->path);
        }
        self::assertSame([], $stub->requests);
    }

    public function testRefusesACredentialWithALineBreak(): void
    {
        $stub = new Stub(static fn () => Stub::status(200));
        $e = self::thrown(static fn () => self::send(self::config($stub, "tok\r\nX-Evil: 1")));
        self::assertInstanceOf(SDKValidationException::class, $e);
        self::assertSame('X-Plex-Token', $e->path);
        self::assertSame([], $stub->requests);
    }

    public function testCanBeSentTwiceWithoutDoublingGlobalsOrCredentials(): void
    {
        $stub = new Stub(static fn () => Stub::status(200));
        $config = self::config($stub);
        $config->schemes[0] = new SecurityScheme('accessToken', 'apiKey', 'query', 'token');
        $config->setGlobal('query', 'limit', 'form', true, 10);
        $call = new Call($config, 'getThing', 'GET', '/path', 'application/json');
        $call->send();
        $call->send();
        self::assertSame('limit=10&token=tok', $stub->requests[0]->getUri()->getQuery());
        self::assertSame('limit=10&token=tok', $stub->requests[1]->getUri()->getQuery());
    }

    public function testDoesNotRetryByDefault(): void
    {
        $stub = new Stub(static fn () => Stub::status(503));
        self::assertSame(503, self::send(self::config($stub))->statusCode);
        self::assertCount(1, $stub->requests);
    }

    public function testRetriesA503UntilItSucceeds(): void
    {
        $stub = new Stub(static fn ($r, int $i) => Stub::status($i < 2 ? 503 : 200));
        self::assertSame(200, self::send(self::config($stub), new RequestOptions(null, self::fastBackoff()))->statusCode);
        self::assertCount(3, $stub->requests);
    }

    public function testUsesTheClientRetryPolicyWhenTheCallHasNone(): void
    {
        $stub = new Stub(static fn ($r, int $i) => Stub::status($i === 0 ? 429 : 200));
        $config = self::config($stub);
        $config->retryConfig = self::fastBackoff();
        self::assertSame(200, self::send($config)->statusCode);
        self::assertCount(2, $stub->requests);
    }

    public function testTheCallsRetryPolicyReplacesTheClients(): void
    {
        $stub = new Stub(static fn ($r, int $i) => Stub::status($i === 0 ? 503 : 200));
        $config = self::config($stub);
        $config->retryConfig = self::fastBackoff();
        self::assertSame(503, self::send($config, new RequestOptions(null, new RetryConfig('none')))->statusCode);
        self::assertCount(1, $stub->requests);
    }

    public function testDoesNotRetryAStatusOutsideTheRetryCodes(): void
    {
        $stub = new Stub(static fn ($r, int $i) => Stub::status($i === 0 ? 501 : 200));
        self::assertSame(501, self::send(self::config($stub), new RequestOptions(null, self::fastBackoff()))->statusCode);
        self::assertCount(1, $stub->requests);
    }

    public function testRetriesTheStatusesTheCallNames(): void
    {
        $stub = new Stub(static fn ($r, int $i) => Stub::status($i === 0 ? 501 : 200));
        self::assertSame(200, self::send(self::config($stub), new RequestOptions(null, self::fastBackoff(), ['5XX']))->statusCode);
        self::assertCount(2, $stub->requests);
    }

    public function testRetryCodesOfTheCallReplaceTheDefaults(): void
    {
        $stub = new Stub(static fn ($r, int $i) => Stub::status($i === 0 ? 503 : 200));
        self::assertSame(503, self::send(self::config($stub), new RequestOptions(null, self::fastBackoff(), ['502']))->statusCode);
        self::assertCount(1, $stub->requests);
    }

    public function testStopsRetryingOnceTheMaxElapsedTimeWouldPass(): void
    {
        $stub = new Stub(static fn () => Stub::status(503, 'busy'));
        $policy = new RetryConfig('backoff', new BackoffStrategy(200, 200, 1, 50));
        $response = self::send(self::config($stub), new RequestOptions(null, $policy));
        self::assertSame(503, $response->statusCode);
        self::assertSame('busy', $response->text());
        self::assertCount(1, $stub->requests);
    }

    public function testRetriesWithinTheBackoffBounds(): void
    {
        $stub = new Stub(static fn ($r, int $i) => Stub::status($i < 2 ? 503 : 200));
        $started = microtime(true);
        $policy = new RetryConfig('backoff', new BackoffStrategy(100, 1000, 2, 10000));
        self::assertSame(200, self::send(self::config($stub), new RequestOptions(null, $policy))->statusCode);
        $elapsed = (microtime(true) - $started) * 1000;
        // Waits of 50..100 ms, then 100..200 ms.
        self::assertGreaterThanOrEqual(140, $elapsed);
        self::assertLessThan(2000, $elapsed);
    }

    public function testHonoursRetryAfter(): void
    {
        $stub = new Stub(static fn ($r, int $i) => $i === 0 ? Stub::status(503, '{}', ['Retry-After' => '1']) : Stub::status(200));
        $started = microtime(true);
        $policy = new RetryConfig('backoff', new BackoffStrategy(1, 5000, 1, 10000));
        self::assertSame(200, self::send(self::config($stub), new RequestOptions(null, $policy))->statusCode);
        $elapsed = (microtime(true) - $started) * 1000;
        self::assertGreaterThanOrEqual(900, $elapsed);
        self::assertLessThan(10000, $elapsed);
    }

    public function testCapsRetryAfterAtTheMaxInterval(): void
    {
        $stub = new Stub(static fn ($r, int $i) => $i === 0 ? Stub::status(503, '{}', ['Retry-After' => '3600']) : Stub::status(200));
        $started = microtime(true);
        self::assertSame(200, self::send(self::config($stub), new RequestOptions(null, self::fastBackoff()))->statusCode);
        self::assertLessThan(2000, (microtime(true) - $started) * 1000);
    }

    public function testTurnsAConnectExceptionIntoAConnectionException(): void
    {
        $stub = new Stub(static fn (RequestInterface $r) => throw new ConnectException('connection refused', $r));
        $e = self::thrown(static fn () => self::send(self::config($stub)));
        self::assertInstanceOf(ConnectionException::class, $e);
        self::assertSame('getThing: connection refused', $e->getMessage());
        self::assertInstanceOf(ConnectException::class, $e->getPrevious());
        self::assertNull($e->statusCode);
    }

    public function testTurnsARequestExceptionWithoutResponseIntoAConnectionException(): void
    {
        $stub = new Stub(static fn (RequestInterface $r) => throw new RequestException('cURL error 56: Recv failure', $r));
        $e = self::thrown(static fn () => self::send(self::config($stub)));
        self::assertInstanceOf(ConnectionException::class, $e);
        self::assertSame('getThing: cURL error 56: Recv failure', $e->getMessage());
    }

    public function testAConnectionErrorMessageDoesNotQuoteTheQuery(): void
    {
        $stub = new Stub(static fn (RequestInterface $r) => throw new ConnectException('cURL error 7: refused for ' . $r->getUri(), $r));
        $config = self::config($stub);
        $config->schemes[0] = new SecurityScheme('accessToken', 'apiKey', 'query', 'api_key');
        $config->credentials['accessToken'] = static fn (): string => 'sekrit';
        $e = self::thrown(static fn () => self::send($config));
        self::assertSame('getThing: cURL error 7: refused for http://a.example/path', $e->getMessage());
        self::assertStringNotContainsString('sekrit', $e->getMessage());
    }

    public function testRetriesConnectionErrorsOnlyWhenAsked(): void
    {
        $flaky = static fn (RequestInterface $r, int $i) => $i === 0 ? throw new ConnectException('reset', $r) : Stub::status(200);

        $plain = new Stub($flaky);
        self::assertInstanceOf(ConnectionException::class, self::thrown(static fn () => self::send(self::config($plain), new RequestOptions(null, self::fastBackoff()))));
        self::assertCount(1, $plain->requests);

        $retrying = new Stub($flaky);
        self::assertSame(200, self::send(self::config($retrying), new RequestOptions(null, self::fastBackoff(true)))->statusCode);
        self::assertCount(2, $retrying->requests);
    }

    public function testReportsAConnectionRefusedByARealSocket(): void
    {
        $server = stream_socket_server('tcp://127.0.0.1:0');
        self::assertNotFalse($server);
        $address = stream_socket_get_name($server, false);
        fclose($server);
        $config = new SDKConfiguration();
        $config->serverUrl = "http://{$address}";
        $e = self::thrown(static fn () => self::send($config));
        self::assertInstanceOf(ConnectionException::class, $e);
        self::assertStringStartsWith('getThing: ', $e->getMessage());
    }

    public function testTimesOutAgainstARealServerThatNeverAnswers(): void
    {
        // The kernel completes the handshake for a listening socket nobody accepts on: the request hangs.
        $server = stream_socket_server('tcp://127.0.0.1:0');
        self::assertNotFalse($server);
        try {
            $config = new SDKConfiguration();
            $config->serverUrl = 'http://' . stream_socket_get_name($server, false);
            $config->timeoutMs = 60000;
            $started = microtime(true);
            $e = self::thrown(static fn () => self::send($config, new RequestOptions(200)));
            $elapsed = (microtime(true) - $started) * 1000;
            self::assertInstanceOf(RequestTimeoutException::class, $e);
            self::assertSame('getThing timed out after 200 ms', $e->getMessage());
            self::assertGreaterThanOrEqual(150, $elapsed);
            self::assertLessThan(3000, $elapsed);
        } finally {
            fclose($server);
        }
    }

    public function testTurnsACurlTimeoutIntoARequestTimeoutException(): void
    {
        $stub = new Stub(static fn (RequestInterface $r) => throw new ConnectException('cURL error 28: Operation timed out', $r, null, ['errno' => 28]));
        $config = self::config($stub);
        $config->timeoutMs = 50;
        $e = self::thrown(static fn () => self::send($config, new RequestOptions(null, self::fastBackoff(true))));
        self::assertInstanceOf(RequestTimeoutException::class, $e);
        self::assertSame('getThing timed out after 50 ms', $e->getMessage());
        // A timeout is not a connection error: it is not retried.
        self::assertCount(1, $stub->requests);
    }

    public function testGivesGuzzleTheAttemptTimeoutAndNoRedirectsOrHttpErrors(): void
    {
        $stub = new Stub(static fn () => Stub::status(200));
        $config = self::config($stub);
        $config->timeoutMs = 60000;
        self::send($config, new RequestOptions(1500));
        self::send($config);
        $config->timeoutMs = null;
        self::send($config);
        self::assertEqualsWithDelta(1.5, $stub->options[0]['timeout'], 0.05);
        self::assertEqualsWithDelta(60.0, $stub->options[1]['timeout'], 0.05);
        self::assertEquals(0, $stub->options[2]['timeout']);
        self::assertFalse($stub->options[0]['allow_redirects']);
        self::assertFalse($stub->options[0]['http_errors']);
    }

    public function testAnyPsr18ClientCanCarryTheRequests(): void
    {
        $client = new class () implements ClientInterface {
            /** @var list<RequestInterface> */
            public array $requests = [];

            public function sendRequest(RequestInterface $request): ResponseInterface
            {
                $this->requests[] = $request;
                return \count($this->requests) === 1 ? Stub::redirect(302, '/next') : Stub::status(200, 'plain');
            }
        };
        $config = new SDKConfiguration($client);
        $config->serverUrl = 'http://a.example';
        $response = self::send($config, new RequestOptions(100));
        self::assertSame('plain', $response->text());
        self::assertSame('http://a.example/next', (string) $client->requests[1]->getUri());
    }

    public function testMapsThePsr18NetworkExceptions(): void
    {
        $failing = static fn (string $message) => new class ($message) implements ClientInterface {
            public function __construct(private readonly string $message)
            {
            }

            public function sendRequest(RequestInterface $request): ResponseInterface
            {
                throw new class ($this->message, $request) extends \RuntimeException implements NetworkExceptionInterface {
                    public function __construct(string $message, private readonly RequestInterface $request)
                    {
                        parent::__construct($message);
                    }

                    public function getRequest(): RequestInterface
                    {
                        return $this->request;
                    }
                };
            }
        };
        $config = new SDKConfiguration($failing('Connection timed out after 100 ms'));
        $config->serverUrl = 'http://a.example';
        self::assertInstanceOf(RequestTimeoutException::class, self::thrown(static fn () => self::send($config, new RequestOptions(100))));
        $config->client = $failing('Connection refused');
        $e = self::thrown(static fn () => self::send($config));
        self::assertInstanceOf(ConnectionException::class, $e);
        self::assertSame('getThing: Connection refused', $e->getMessage());
    }

    public function testDropsTheCredentialOnACrossOriginRedirect(): void
    {
        $stub = new Stub(static fn ($r, int $i) => $i === 0 ? Stub::redirect(302, 'http://b.example/elsewhere') : Stub::status(200));
        self::assertSame(200, self::send(self::config($stub))->statusCode);
        self::assertCount(2, $stub->requests);
        self::assertSame('tok', $stub->requests[0]->getHeaderLine('X-Plex-Token'));
        $second = $stub->requests[1];
        self::assertSame('http://b.example/elsewhere', (string) $second->getUri());
        self::assertSame('b.example', $second->getHeaderLine('Host'));
        self::assertFalse($second->hasHeader('X-Plex-Token'));
        self::assertSame('application/json', $second->getHeaderLine('Accept'));
    }

    public function testDropsCookiesOnACrossOriginRedirect(): void
    {
        $stub = new Stub(static fn ($r, int $i) => $i === 0 ? Stub::redirect(307, 'http://b.example/x') : Stub::status(200));
        $config = self::config($stub);
        $config->schemes[0] = new SecurityScheme('accessToken', 'apiKey', 'cookie', 'session');
        self::send($config, prepare: static fn (Call $call) => $call->param('cookie', 'theme', 'form', true, 'dark'));
        self::assertSame('theme=dark; session=tok', $stub->requests[0]->getHeaderLine('Cookie'));
        self::assertFalse($stub->requests[1]->hasHeader('Cookie'));
    }

    public function testDropsCookieParametersOnACrossOriginRedirectButNotOnASameOriginOne(): void
    {
        $stub = new Stub(static fn ($r, int $i) => match ($i) {
            0 => Stub::redirect(307, '/same'),
            1 => Stub::redirect(307, 'http://b.example/x'),
            default => Stub::status(200),
        });
        self::send(self::config($stub), prepare: static fn (Call $call) => $call->param('cookie', 'theme', 'form', true, 'dark'));
        self::assertSame('theme=dark', $stub->requests[1]->getHeaderLine('Cookie'));
        self::assertSame('tok', $stub->requests[1]->getHeaderLine('X-Plex-Token'));
        self::assertFalse($stub->requests[2]->hasHeader('Cookie'));
    }

    /** @return iterable<array{string}> */
    public static function otherOrigins(): iterable
    {
        yield ['https://a.example/path'];
        yield ['http://a.example:8080/path'];
        yield ['//c.example/path'];
    }

    /** @dataProvider otherOrigins */
    public function testADifferentSchemeHostOrPortIsAnotherOrigin(string $location): void
    {
        $stub = new Stub(static fn ($r, int $i) => $i === 0 ? Stub::redirect(307, $location) : Stub::status(200));
        self::send(self::config($stub));
        self::assertFalse($stub->requests[1]->hasHeader('X-Plex-Token'));
    }

    /** @return iterable<array{string}> */
    public static function sameOrigins(): iterable
    {
        yield ['/other'];
        yield ['http://A.EXAMPLE:80/other'];
        yield ['other'];
    }

    /** @dataProvider sameOrigins */
    public function testKeepsTheCredentialOnASameOriginRedirect(string $location): void
    {
        $stub = new Stub(static fn ($r, int $i) => $i === 0 ? Stub::redirect(301, $location) : Stub::status(200));
        self::send(self::config($stub));
        self::assertCount(2, $stub->requests);
        self::assertSame('http://a.example/other', (string) $stub->requests[1]->getUri());
        self::assertSame('tok', $stub->requests[1]->getHeaderLine('X-Plex-Token'));
    }

    public function testKeepsTheCredentialDroppedAfterRedirectingBackToTheOrigin(): void
    {
        $stub = new Stub(static fn ($r, int $i) => match ($i) {
            0 => Stub::redirect(302, 'http://b.example/hop'),
            1 => Stub::redirect(302, 'http://a.example/back'),
            default => Stub::status(200),
        });
        self::send(self::config($stub));
        self::assertCount(3, $stub->requests);
        self::assertFalse($stub->requests[2]->hasHeader('X-Plex-Token'));
    }

    /** @return iterable<array{int, string, string, bool}> */
    public static function methodChanges(): iterable
    {
        yield [303, 'POST', 'GET', false];
        yield [302, 'POST', 'GET', false];
        yield [301, 'POST', 'GET', false];
        yield [303, 'PUT', 'GET', false];
        yield [303, 'HEAD', 'HEAD', false];
        yield [307, 'POST', 'POST', true];
        yield [308, 'PUT', 'PUT', true];
        yield [302, 'PUT', 'PUT', true];
    }

    /** @dataProvider methodChanges */
    public function testRedirectsChangeTheMethodAsHttpSays(int $status, string $method, string $expectedMethod, bool $keepsBody): void
    {
        $stub = new Stub(static fn ($r, int $i) => $i === 0 ? Stub::redirect($status, '/next') : Stub::status(200));
        self::send(self::config($stub), method: $method, prepare: static fn (Call $call) => $call->body('application/json', '{"a":1}'));
        $second = $stub->requests[1];
        self::assertSame($expectedMethod, $second->getMethod());
        if ($keepsBody) {
            self::assertSame('{"a":1}', (string) $second->getBody());
            self::assertSame('application/json', $second->getHeaderLine('Content-Type'));
        } else {
            self::assertSame('', (string) $second->getBody());
            self::assertFalse($second->hasHeader('Content-Type'));
        }
    }

    public function testReturnsARedirectWithoutLocationAsItIs(): void
    {
        $stub = new Stub(static fn () => Stub::status(302));
        self::assertSame(302, self::send(self::config($stub))->statusCode);
        self::assertCount(1, $stub->requests);
    }

    public function testGivesUpAfterTwentyRedirects(): void
    {
        $stub = new Stub(static fn ($r, int $i) => Stub::redirect(302, "/hop{$i}"));
        $e = self::thrown(static fn () => self::send(self::config($stub)));
        self::assertInstanceOf(ConnectionException::class, $e);
        self::assertSame('getThing: more than 20 redirects', $e->getMessage());
        self::assertCount(21, $stub->requests);
    }

    /** @return iterable<array{string, string}> */
    public static function otherSchemes(): iterable
    {
        yield ['ftp://b.example/file', 'ftp'];
        yield ['file:///etc/passwd', 'file'];
    }

    /** @dataProvider otherSchemes */
    public function testRefusesARedirectToASchemeOtherThanHttp(string $location, string $scheme): void
    {
        $stub = new Stub(static fn ($r, int $i) => $i === 0 ? Stub::redirect(302, $location) : Stub::status(200));
        $e = self::thrown(static fn () => self::send(self::config($stub)));
        self::assertInstanceOf(ConnectionException::class, $e);
        self::assertSame("getThing: a redirect to a {$scheme} URL is not followed", $e->getMessage());
        self::assertCount(1, $stub->requests);
    }

    public function testARedirectSharesTheAttemptTimeout(): void
    {
        $stub = new Stub(static function ($r, int $i) {
            if ($i === 0) {
                usleep(100000);
                return Stub::redirect(302, '/next');
            }
            return Stub::status(200);
        });
        self::send(self::config($stub), new RequestOptions(1000));
        self::assertLessThan(0.95, $stub->options[1]['timeout']);
        self::assertGreaterThan(0.5, $stub->options[1]['timeout']);
    }
}
