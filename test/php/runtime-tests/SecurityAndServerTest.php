<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests;

use PHPUnit\Framework\TestCase;
use SdkgenRuntime\Models\Errors\SDKValidationException;
use SdkgenRuntime\Tests\Support\Stub;
use SdkgenRuntime\Utils\BasicAuth;
use SdkgenRuntime\Utils\Call;
use SdkgenRuntime\Utils\CallResponse;
use SdkgenRuntime\Utils\SDKConfiguration;
use SdkgenRuntime\Utils\SecurityScheme;
use SdkgenRuntime\Utils\ServerTemplate;
use SdkgenRuntime\Utils\ServerVariable;

final class SecurityAndServerTest extends TestCase
{
    private Stub $stub;

    protected function setUp(): void
    {
        $this->stub = new Stub(static fn () => Stub::status(200));
    }

    private function config(?string $serverUrl = 'http://a.example'): SDKConfiguration
    {
        $config = new SDKConfiguration($this->stub->client);
        $config->serverUrl = $serverUrl;
        return $config;
    }

    /** A client with one scheme, required by default, and its credential. */
    private function secured(SecurityScheme $scheme, string|BasicAuth|null $credential): SDKConfiguration
    {
        $config = $this->config();
        $config->schemes[] = $scheme;
        $config->security[] = [$scheme->key];
        $config->credentials[$scheme->key] = static fn () => $credential;
        return $config;
    }

    private static function send(SDKConfiguration $config, ?\Closure $prepare = null, ?string $serverUrl = null, string $path = '/path'): CallResponse
    {
        $call = new Call($config, 'getThing', 'GET', $path, 'application/json');
        if ($prepare !== null) {
            $prepare($call);
        }
        return $call->send($serverUrl);
    }

    private static function refusal(\Closure $run): SDKValidationException
    {
        try {
            $run();
        } catch (SDKValidationException $e) {
            return $e;
        }
        self::fail('no SDKValidationException');
    }

    private static function bearer(): SecurityScheme
    {
        return new SecurityScheme('bearerAuth', 'bearer', 'header', 'Authorization');
    }

    private static function headerKey(): SecurityScheme
    {
        return new SecurityScheme('apiKey', 'apiKey', 'header', 'X-Api-Key');
    }

    public function testAsksACredentialSourceForEveryRequest(): void
    {
        $config = $this->config();
        $config->schemes[] = self::headerKey();
        $config->security[] = ['apiKey'];
        $asked = 0;
        $config->credentials['apiKey'] = static function () use (&$asked): string {
            return 'token-' . ++$asked;
        };
        self::send($config);
        self::send($config);
        self::assertSame(['token-1', 'token-2'], array_map(static fn ($r) => $r->getHeaderLine('X-Api-Key'), $this->stub->requests));
    }

    /** @return iterable<array{string, string}> */
    public static function bearerTokens(): iterable
    {
        yield ['abc', 'Bearer abc'];
        yield ['Bearer abc', 'Bearer abc'];
        yield ['bearer abc', 'bearer abc'];
        yield ['BEARER abc', 'BEARER abc'];
        yield ['Bearerabc', 'Bearer Bearerabc'];
    }

    /** @dataProvider bearerTokens */
    public function testABearerSchemeAddsBearerUnlessTheTokenHasIt(string $token, string $expected): void
    {
        self::send($this->secured(self::bearer(), $token));
        self::assertSame($expected, $this->stub->single()->getHeaderLine('Authorization'));
    }

    public function testBasicAuthSendsTheUserAndPasswordInBase64(): void
    {
        self::send($this->secured(new SecurityScheme('basicAuth', 'basic', 'header', 'Authorization'), new BasicAuth('user', 'pa:ss wörd')));
        self::assertSame('Basic dXNlcjpwYTpzcyB3w7ZyZA==', $this->stub->single()->getHeaderLine('Authorization'));
    }

    public function testAnApiKeyInTheQueryIsAppendedEscaped(): void
    {
        $config = $this->secured(new SecurityScheme('queryKey', 'apiKey', 'query', 'api key'), 'a b&c=d/é');
        self::send($config, static fn (Call $call) => $call->param('query', 'limit', 'form', true, 5));
        $seen = $this->stub->single();
        self::assertSame('limit=5&api%20key=a%20b%26c%3Dd%2F%C3%A9', $seen->getUri()->getQuery());
        self::assertFalse($seen->hasHeader('Authorization'));
    }

    public function testAnApiKeyInAHeaderIsSentInThatHeader(): void
    {
        self::send($this->secured(self::headerKey(), 'k1'));
        self::assertSame('k1', $this->stub->single()->getHeaderLine('X-Api-Key'));
    }

    public function testAnApiKeyInACookieIsSentEscaped(): void
    {
        self::send($this->secured(new SecurityScheme('cookieKey', 'apiKey', 'cookie', 'session'), 'a;b'));
        self::assertSame('session=a%3Bb', $this->stub->single()->getHeaderLine('Cookie'));
    }

    public function testAnOperationWithNoSecuritySendsNoCredential(): void
    {
        self::send($this->secured(self::headerKey(), 'k1'), static fn (Call $call) => $call->security());
        self::send($this->secured(self::headerKey(), 'k1'), static fn (Call $call) => $call->security([]));
        self::assertFalse($this->stub->requests[0]->hasHeader('X-Api-Key'));
        self::assertFalse($this->stub->requests[1]->hasHeader('X-Api-Key'));
    }

    public function testAnOperationsOwnSecurityReplacesTheClients(): void
    {
        $config = $this->secured(self::headerKey(), 'k1');
        $config->schemes[] = self::bearer();
        $config->credentials['bearerAuth'] = static fn (): string => 'tok';
        self::send($config, static fn (Call $call) => $call->security(['bearerAuth']));
        $seen = $this->stub->single();
        self::assertSame('Bearer tok', $seen->getHeaderLine('Authorization'));
        self::assertFalse($seen->hasHeader('X-Api-Key'));
    }

    public function testTheFirstAlternativeWithEveryCredentialWins(): void
    {
        $config = $this->config();
        $config->schemes[] = self::headerKey();
        $config->schemes[] = self::bearer();
        $config->security[] = ['apiKey', 'bearerAuth'];
        $config->security[] = ['bearerAuth'];
        $config->credentials['bearerAuth'] = static fn (): string => 'tok';
        $config->credentials['apiKey'] = static fn (): string => '';
        self::send($config);
        $seen = $this->stub->single();
        self::assertSame('Bearer tok', $seen->getHeaderLine('Authorization'));
        self::assertFalse($seen->hasHeader('X-Api-Key'));
    }

    public function testAnAlternativeOfTwoSchemesSendsBoth(): void
    {
        $config = $this->config();
        $config->schemes[] = self::headerKey();
        $config->schemes[] = self::bearer();
        $config->security[] = ['apiKey', 'bearerAuth'];
        $config->credentials['bearerAuth'] = static fn (): string => 'tok';
        $config->credentials['apiKey'] = static fn (): string => 'k';
        self::send($config);
        self::assertSame('Bearer tok', $this->stub->single()->getHeaderLine('Authorization'));
        self::assertSame('k', $this->stub->single()->getHeaderLine('X-Api-Key'));
    }

    public function testAGlobalIsSentWhenTheCallDoesNotGiveIt(): void
    {
        $config = $this->config();
        $config->setGlobal('header', 'X-Client', 'simple', false, 'global');
        $config->setGlobal('query', 'limit', 'form', true, 10);
        self::send($config);
        $seen = $this->stub->single();
        self::assertSame('global', $seen->getHeaderLine('X-Client'));
        self::assertSame('limit=10', $seen->getUri()->getQuery());
    }

    public function testTheCallsOwnParameterReplacesTheGlobal(): void
    {
        $config = $this->config();
        $config->setGlobal('header', 'X-Client', 'simple', false, 'global');
        $config->setGlobal('query', 'limit', 'form', true, 10);
        self::send($config, static function (Call $call): void {
            $call->param('header', 'x-client', 'simple', false, 'mine');
            $call->param('query', 'limit', 'form', true, 3);
        });
        $seen = $this->stub->single();
        self::assertSame(['mine'], $seen->getHeader('X-Client'));
        self::assertSame('limit=3', $seen->getUri()->getQuery());
    }

    public function testANullParameterLeavesTheGlobalInPlace(): void
    {
        $config = $this->config();
        $config->setGlobal('header', 'X-Client', 'simple', false, 'global');
        self::send($config, static fn (Call $call) => $call->param('header', 'X-Client', 'simple', false, null));
        self::assertSame('global', $this->stub->single()->getHeaderLine('X-Client'));
    }

    public function testAQueryGlobalIsMatchedByItsExactName(): void
    {
        $config = $this->config();
        $config->setGlobal('query', 'limit', 'form', true, 10);
        self::send($config, static fn (Call $call) => $call->param('query', 'Limit', 'form', true, 3));
        self::assertSame('Limit=3&limit=10', $this->stub->single()->getUri()->getQuery());
    }

    public function testANullGlobalIsNotKeptAndALaterOneReplacesAnEarlier(): void
    {
        $config = $this->config();
        $config->setGlobal('header', 'X-Client', 'simple', false, null);
        self::assertSame([], $config->globals);
        $config->setGlobal('header', 'X-Client', 'simple', false, 'one');
        $config->setGlobal('header', 'x-client', 'simple', false, 'two');
        self::assertCount(1, $config->globals);
        self::send($config);
        self::assertSame(['two'], $this->stub->single()->getHeader('X-Client'));
    }

    private static function template(): ServerTemplate
    {
        return new ServerTemplate(
            'http://{host}:{port}/{version}',
            new ServerVariable('host', 'a.example'),
            new ServerVariable('port', '8080', '8080', '9090'),
            new ServerVariable('version', 'v1'),
        );
    }

    public function testAServerTemplateResolvesItsDefaults(): void
    {
        $config = $this->config(null);
        $config->servers[] = self::template();
        self::send($config);
        self::assertSame('http://a.example:8080/v1/path', (string) $this->stub->single()->getUri());
    }

    public function testAServerTemplateTakesTheClientsVariables(): void
    {
        $config = $this->config(null);
        $config->servers[] = self::template();
        $config->variables['port'] = '9090';
        $config->variables['host'] = 'b.example';
        self::send($config);
        self::assertSame('http://b.example:9090/v1/path', (string) $this->stub->single()->getUri());
    }

    public function testAServerTemplateRefusesAValueOutsideItsEnum(): void
    {
        $config = $this->config(null);
        $config->servers[] = self::template();
        $config->variables['port'] = '1234';
        $e = self::refusal(static fn () => self::send($config));
        self::assertSame('server variable port', $e->path);
        self::assertStringContainsString('8080, 9090', $e->getMessage());
        self::assertSame([], $this->stub->requests);
    }

    public function testTheServerIndexPicksTheServer(): void
    {
        $config = $this->config(null);
        $config->servers[] = new ServerTemplate('http://first.example');
        $config->servers[] = new ServerTemplate('http://second.example');
        $config->serverIndex = 1;
        self::send($config);
        self::assertSame('second.example', $this->stub->single()->getUri()->getHost());
    }

    /** @return iterable<array{int}> */
    public static function badIndexes(): iterable
    {
        yield [1];
        yield [-1];
    }

    /** @dataProvider badIndexes */
    public function testAServerIndexOutOfRangeIsRefused(int $index): void
    {
        $config = $this->config(null);
        $config->servers[] = new ServerTemplate('http://first.example');
        $config->serverIndex = $index;
        $e = self::refusal(static fn () => self::send($config));
        self::assertSame('serverIndex', $e->path);
        self::assertStringContainsString("no server at index {$index}", $e->getMessage());
        self::assertSame([], $this->stub->requests);
    }

    public function testTheClientsServerUrlReplacesItsServerList(): void
    {
        $config = $this->config('http://url.example');
        $config->servers[] = new ServerTemplate('http://first.example');
        $config->serverIndex = 5;
        self::send($config);
        self::assertSame('url.example', $this->stub->single()->getUri()->getHost());
    }

    public function testAnOperationsOwnServerWinsOverTheClientsServerUrl(): void
    {
        $config = $this->config('http://url.example');
        self::send($config, static fn (Call $call) => $call->server(new ServerTemplate('http://{host}/op', new ServerVariable('host', 'op.example'))));
        self::assertSame('http://op.example/op/path', (string) $this->stub->single()->getUri());
    }

    public function testAnOperationsServerChecksItsOwnEnumDefaults(): void
    {
        $config = $this->config('http://url.example');
        $e = self::refusal(static fn () => self::send($config, static fn (Call $call) => $call->server(new ServerTemplate('http://{env}.example', new ServerVariable('env', 'dev', 'prod', 'test')))));
        self::assertSame('server variable env', $e->path);
    }

    public function testAPerCallServerUrlWinsOverEverything(): void
    {
        $config = $this->config('http://url.example');
        $config->servers[] = self::template();
        $config->variables['port'] = '1234';
        $config->serverIndex = 7;
        self::send($config, static fn (Call $call) => $call->server(new ServerTemplate('http://op.example')), 'http://call.example/base/');
        self::assertSame('http://call.example/base/path', (string) $this->stub->single()->getUri());
    }
}
