<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

use GuzzleHttp\Exception\GuzzleException;
use GuzzleHttp\Psr7\Exception\MalformedUriException;
use GuzzleHttp\Psr7\Request;
use GuzzleHttp\Psr7\Uri;
use GuzzleHttp\Psr7\UriResolver;
use GuzzleHttp\Psr7\Utils as Psr7Utils;
use Psr\Http\Client\ClientExceptionInterface;
use Psr\Http\Message\RequestInterface;
use Psr\Http\Message\ResponseInterface;
use Psr\Http\Message\UriInterface;
use SdkgenRuntime\Models\Errors\ConnectionException;
use SdkgenRuntime\Models\Errors\RequestTimeoutException;
use SdkgenRuntime\Models\Errors\SDKValidationException;

/** One operation call being prepared, then sent with the retry policy. */
final class Call
{
    private const MAX_REDIRECTS = 20;

    /** cURL's CURLE_OPERATION_TIMEDOUT, which Guzzle reports in an exception's handler context. */
    private const CURL_TIMEOUT = 28;

    private ?ServerTemplate $server = null;

    /** @var list<list<string>>|null */
    private ?array $security = null;

    /** @var array{path: string, query: list<string>, headers: list<array{0: string, 1: string}>, cookies: list<string>} */
    private array $parts;

    /** @var array<string, true> The parameters the call gives itself, which globals do not replace. */
    private array $given = [];

    private ?string $body = null;

    private ?string $contentType = null;

    /**
     * @param string $accept The Accept header; "" sends none.
     */
    public function __construct(
        private readonly SDKConfiguration $config,
        private readonly string $operationId,
        private readonly string $method,
        string $path,
        string $accept,
    ) {
        $this->parts = ['path' => $path, 'query' => [], 'headers' => [], 'cookies' => []];
        if ($accept !== '') {
            $this->parts['headers'][] = ['Accept', $accept];
        }
    }

    /** The operation's own server, which the client's server URL does not replace. */
    public function server(ServerTemplate $server): void
    {
        $this->server = $server;
    }

    /**
     * The operation's own security alternatives, each a list of scheme keys; none (or one empty list) sends no
     * credential.
     *
     * @param list<string> ...$alternatives
     */
    public function security(array ...$alternatives): void
    {
        $this->security = \array_values($alternatives);
    }

    /** The key under which a parameter replaces a global: header names are case-insensitive. */
    public static function paramKey(string $in, string $name): string
    {
        return $in === 'header' ? 'header:' . \strtolower($name) : "{$in}:{$name}";
    }

    /**
     * Adds a parameter from the JSON form of its value; null is not sent (and leaves a global of the same
     * location and name in place), anything else replaces that global.
     */
    public function param(string $in, string $name, string $style, bool $explode, mixed $jsonValue): void
    {
        if ($jsonValue === null) {
            return;
        }
        $this->given[self::paramKey($in, $name)] = true;
        self::apply($this->parts, $in, $name, $style, $explode, $jsonValue);
    }

    /**
     * @param array{path: string, query: list<string>, headers: list<array{0: string, 1: string}>, cookies: list<string>} $parts
     */
    private static function apply(array &$parts, string $in, string $name, string $style, bool $explode, mixed $value): void
    {
        if ($value === null) {
            return;
        }
        switch ($in) {
            case 'path':
                $parts['path'] = \str_replace('{' . $name . '}', ParamEncoding::path($name, $style, $explode, $value), $parts['path']);
                break;
            case 'query':
                \array_push($parts['query'], ...ParamEncoding::query($name, $style, $explode, $value));
                break;
            case 'header':
                self::setHeader($parts, $name, ParamEncoding::header($name, $explode, $value));
                break;
            case 'cookie':
                $parts['cookies'][] = ParamEncoding::cookie($name, $value);
                break;
        }
    }

    /** Sets the body, already encoded for its content type. */
    public function body(string $contentType, string $bytes): void
    {
        $this->body = $bytes;
        $this->contentType = $contentType;
    }

    /**
     * Prepares the request, sends it with the retry policy and reads the response.
     *
     * @param string|null         $serverURL A server URL for this call alone, which replaces every other.
     * @param RequestOptions|null $options   Timeout, retry policy and retry codes replacing the client's.
     */
    public function send(?string $serverURL = null, ?RequestOptions $options = null): CallResponse
    {
        // Work on a copy, so the call can be sent again without doubling its globals and credentials.
        $parts = $this->parts;
        foreach ($this->config->globals as [$in, $name, $style, $explode, $value]) {
            if (!isset($this->given[self::paramKey($in, $name)])) {
                self::apply($parts, $in, $name, $style, $explode, $value);
            }
        }
        $credentialHeaders = $this->applySecurity($parts);
        $headers = $parts['headers'];
        if ($parts['cookies'] !== []) {
            $headers[] = ['Cookie', \implode('; ', $parts['cookies'])];
        }
        $baseUrl = $this->baseUrl($serverURL);
        $target = \rtrim($baseUrl, '/') . $parts['path'] . ($parts['query'] !== [] ? '?' . \implode('&', $parts['query']) : '');
        $uri = self::httpUri($target);

        $policy = $options?->retryConfig ?? $this->config->retryConfig;
        $codes = $options?->retryCodes ?? Retries::DEFAULT_RETRY_CODES;
        $timeoutMs = $options?->timeoutMs ?? $this->config->timeoutMs;
        $backoff = Retries::effective($policy?->backoff);
        $started = \microtime(true);
        for ($attempt = 1; ; $attempt++) {
            $response = null;
            $error = null;
            try {
                $response = $this->attempt($uri, $baseUrl, $attempt, $timeoutMs, $headers, $credentialHeaders);
            } catch (ConnectionException $e) {
                $error = $e;
            }
            $retryable = $policy !== null && $policy->strategy === 'backoff'
                && (($response !== null && Retries::statusIsRetried($response->statusCode, $codes)) || ($error !== null && $policy->retryConnectionErrors));
            if ($retryable) {
                $retryAfter = $response?->raw->getHeaderLine('Retry-After');
                $wait = Retries::nextWaitMs($attempt - 1, $backoff, $retryAfter, new \DateTimeImmutable('now', new \DateTimeZone('UTC')), Retries::random(...));
                if ((\microtime(true) - $started) * 1000 + $wait <= $backoff->maxElapsedTimeMs) {
                    \usleep($wait * 1000);
                    continue;
                }
            }
            if ($error !== null) {
                throw $error;
            }
            return $response;
        }
    }

    private static function httpUri(string $target): UriInterface
    {
        try {
            $uri = new Uri($target);
        } catch (MalformedUriException $e) {
            throw new SDKValidationException('the URL is not a valid http(s) URL', 'serverURL', $e);
        }
        $scheme = \strtolower($uri->getScheme());
        if (($scheme !== 'http' && $scheme !== 'https') || $uri->getHost() === '') {
            throw new SDKValidationException('the URL is not a valid http(s) URL', 'serverURL');
        }
        return $uri;
    }

    /** @param array<string, string> $variables */
    private static function resolveServer(ServerTemplate $server, array $variables): string
    {
        $url = $server->url;
        foreach ($server->variables as $v) {
            $value = $variables[$v->name] ?? $v->default;
            if ($v->values !== [] && !\in_array($value, $v->values, true)) {
                throw new SDKValidationException('not one of the allowed values ' . \implode(', ', $v->values), "server variable {$v->name}");
            }
            $url = \str_replace('{' . $v->name . '}', $value, $url);
        }
        return $url;
    }

    /** The per-call URL, else the operation's server, else the client's URL, else its server list. */
    private function baseUrl(?string $serverURL): string
    {
        if ($serverURL !== null && $serverURL !== '') {
            return $serverURL;
        }
        if ($this->server !== null) {
            return self::resolveServer($this->server, []);
        }
        if ($this->config->serverUrl !== null && $this->config->serverUrl !== '') {
            return $this->config->serverUrl;
        }
        $index = $this->config->serverIndex;
        if (!isset($this->config->servers[$index])) {
            throw new SDKValidationException("no server at index {$index}", 'serverIndex');
        }
        return self::resolveServer($this->config->servers[$index], $this->config->variables);
    }

    /**
     * Applies the first alternative whose every scheme has a credential; returns the names of the headers
     * that carry credentials (dropped on a redirect to another origin).
     *
     * @param array{path: string, query: list<string>, headers: list<array{0: string, 1: string}>, cookies: list<string>} $parts
     * @return list<string>
     */
    private function applySecurity(array &$parts): array
    {
        $credentialHeaders = [];
        foreach ($this->security ?? $this->config->security as $alternative) {
            $values = [];
            foreach ($alternative as $key) {
                $get = $this->config->credentials[$key] ?? null;
                $value = $get === null ? null : $get();
                if ($value === null || $value === '') {
                    continue 2;
                }
                $values[] = $value;
            }
            foreach (\array_values($alternative) as $i => $key) {
                $scheme = $this->scheme($key);
                $value = $values[$i];
                if ($value instanceof BasicAuth) {
                    $credentialHeaders[] = self::setHeader($parts, 'Authorization', 'Basic ' . \base64_encode("{$value->username}:{$value->password}"));
                    continue;
                }
                $text = (string) $value;
                if ($scheme->kind === 'bearer') {
                    $credentialHeaders[] = self::setHeader($parts, 'Authorization', \stripos($text, 'bearer ') === 0 ? $text : 'Bearer ' . $text);
                } elseif ($scheme->kind === 'apiKey' && $scheme->in === 'header') {
                    $credentialHeaders[] = self::setHeader($parts, $scheme->name, $text);
                } elseif ($scheme->kind === 'apiKey' && $scheme->in === 'query') {
                    $parts['query'][] = ParamEncoding::escape($scheme->name) . '=' . ParamEncoding::escape($text);
                } elseif ($scheme->kind === 'apiKey' && $scheme->in === 'cookie') {
                    $parts['cookies'][] = $scheme->name . '=' . ParamEncoding::escape($text);
                    $credentialHeaders[] = 'Cookie';
                }
            }
            return $credentialHeaders;
        }
        return $credentialHeaders;
    }

    private function scheme(string $key): SecurityScheme
    {
        foreach ($this->config->schemes as $scheme) {
            if ($scheme->key === $key) {
                return $scheme;
            }
        }
        throw new \LogicException("no security scheme {$key} is configured");
    }

    /**
     * Replaces every header of the name (case-insensitively) with one value; returns the name.
     *
     * @param array{path: string, query: list<string>, headers: list<array{0: string, 1: string}>, cookies: list<string>} $parts
     */
    private static function setHeader(array &$parts, string $name, string $value): string
    {
        $value = ParamEncoding::headerSafe($value, $name);
        $parts['headers'] = self::withoutHeaders($parts['headers'], [$name]);
        $parts['headers'][] = [$name, $value];
        return $name;
    }

    /**
     * @param list<array{0: string, 1: string}> $headers
     * @param list<string> $names
     * @return list<array{0: string, 1: string}>
     */
    private static function withoutHeaders(array $headers, array $names): array
    {
        $drop = \array_flip(\array_map('strtolower', $names));
        return \array_values(\array_filter($headers, static fn (array $h): bool => !isset($drop[\strtolower($h[0])])));
    }

    /**
     * One attempt: the request with its redirects, then the hooks on the response or the connection failure.
     *
     * @param list<array{0: string, 1: string}> $headers
     * @param list<string> $credentialHeaders
     */
    private function attempt(UriInterface $uri, string $baseUrl, int $attempt, ?int $timeoutMs, array $headers, array $credentialHeaders): CallResponse
    {
        $ctx = new HookContext($this->operationId, $baseUrl, $attempt);
        $deadline = $timeoutMs !== null && $timeoutMs > 0 ? \microtime(true) + $timeoutMs / 1000 : null;
        try {
            $raw = $this->follow($uri, $ctx, $headers, $credentialHeaders, $timeoutMs, $deadline);
        } catch (ConnectionException $failure) {
            $replacement = $this->config->hooks->afterError($ctx, null, $failure);
            if ($replacement === null) {
                throw $failure;
            }
            // The after-error hooks have had their say on this attempt: their response is used as it is.
            return $this->read($replacement);
        }
        $status = $raw->getStatusCode();
        if ($status >= 200 && $status < 300) {
            $raw = $this->config->hooks->afterSuccess($ctx, $raw);
        } else {
            $replacement = $this->config->hooks->afterError($ctx, $raw, null);
            if ($replacement === null) {
                throw new ConnectionException("{$this->operationId}: an after-error hook dropped the response");
            }
            $raw = $replacement;
        }
        return $this->read($raw);
    }

    private function read(ResponseInterface $raw): CallResponse
    {
        try {
            return new CallResponse($raw, (string) $raw->getBody());
        } catch (\RuntimeException $e) {
            throw new ConnectionException("{$this->operationId}: {$e->getMessage()}", $e);
        }
    }

    /** @param list<array{0: string, 1: string}> $headers */
    private function build(string $method, UriInterface $uri, array $headers, ?string $body): RequestInterface
    {
        $request = new Request($method, $uri);
        foreach ($headers as [$name, $value]) {
            $request = $request->withAddedHeader($name, $value);
        }
        if ($body !== null) {
            $request = $request->withBody(Psr7Utils::streamFor($body))->withHeader('Content-Type', (string) $this->contentType);
        }
        return $request;
    }

    private static function origin(UriInterface $u): string
    {
        $scheme = \strtolower($u->getScheme());
        $port = $u->getPort() ?? ($scheme === 'https' ? 443 : 80);
        return $scheme . '://' . \strtolower($u->getHost()) . ':' . $port;
    }

    /**
     * Sends the request and follows redirects itself: credential headers and cookies are dropped when the
     * target is another origin, and 303 (or 301/302 after a POST) turns the request into a GET without a body.
     *
     * @param list<array{0: string, 1: string}> $headers
     * @param list<string> $credentialHeaders
     */
    private function follow(UriInterface $uri, HookContext $ctx, array $headers, array $credentialHeaders, ?int $timeoutMs, ?float $deadline): ResponseInterface
    {
        $method = $this->method;
        $body = $this->body;
        for ($hops = 0; ; $hops++) {
            $request = $this->config->hooks->beforeRequest($ctx, $this->build($method, $uri, $headers, $body));
            $response = $this->transmit($request, $timeoutMs, $deadline);
            $status = $response->getStatusCode();
            $location = $response->getHeaderLine('Location');
            if (!\in_array($status, [301, 302, 303, 307, 308], true) || $location === '') {
                return $response;
            }
            $from = $request->getUri();
            try {
                $next = UriResolver::resolve($from, new Uri($location));
            } catch (MalformedUriException $e) {
                throw new ConnectionException("{$this->operationId}: a redirect to a malformed URL is not followed", $e);
            }
            $response->getBody()->close();
            $scheme = \strtolower($next->getScheme());
            if ($scheme !== 'http' && $scheme !== 'https') {
                throw new ConnectionException("{$this->operationId}: a redirect to a {$scheme} URL is not followed");
            }
            if ($hops >= self::MAX_REDIRECTS) {
                throw new ConnectionException("{$this->operationId}: more than " . self::MAX_REDIRECTS . ' redirects');
            }
            if (self::origin($next) !== self::origin($from)) {
                // Cookies are bound to their origin whether or not they carry a credential.
                $headers = self::withoutHeaders($headers, [...$credentialHeaders, 'Cookie']);
            }
            if ($status === 303 || (($status === 301 || $status === 302) && $method === 'POST')) {
                if ($method !== 'HEAD') {
                    $method = 'GET';
                }
                $body = null;
            }
            $uri = $next;
        }
    }

    /**
     * Sends one request with what is left of the attempt's time; a Guzzle client gets the timeout per request,
     * any other PSR-18 client is used as it is configured.
     */
    private function transmit(RequestInterface $request, ?int $timeoutMs, ?float $deadline): ResponseInterface
    {
        $client = $this->config->client;
        try {
            if ($client instanceof \GuzzleHttp\ClientInterface) {
                $seconds = 0;
                if ($deadline !== null) {
                    $seconds = $deadline - \microtime(true);
                    if ($seconds <= 0) {
                        throw new RequestTimeoutException("{$this->operationId} timed out after {$timeoutMs} ms");
                    }
                    // cURL reads a timeout under 1 ms as 0, which means none at all.
                    $seconds = \max($seconds, 0.001);
                }
                return $client->send($request, ['timeout' => $seconds, 'allow_redirects' => false, 'http_errors' => false]);
            }
            return $client->sendRequest($request);
        } catch (GuzzleException|ClientExceptionInterface $e) {
            if (self::isTimeout($e)) {
                throw new RequestTimeoutException("{$this->operationId} timed out after " . ($timeoutMs ?? 0) . ' ms', $e);
            }
            // Guzzle's messages end with the URL, whose query may hold an API key.
            $message = \str_replace((string) $request->getUri(), (string) $request->getUri()->withQuery('')->withUserInfo(''), $e->getMessage());
            throw new ConnectionException("{$this->operationId}: {$message}", $e);
        }
    }

    private static function isTimeout(\Throwable $e): bool
    {
        if (\method_exists($e, 'getHandlerContext')) {
            $context = $e->getHandlerContext();
            if (\is_array($context) && ($context['errno'] ?? null) === self::CURL_TIMEOUT) {
                return true;
            }
        }
        return $e instanceof \Psr\Http\Client\NetworkExceptionInterface && \preg_match('/\btimed out\b/i', $e->getMessage()) === 1;
    }
}
