<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

use Psr\Http\Client\ClientInterface;

/** Everything a call reads from its client: transport, servers, credentials, globals, policies. */
final class SDKConfiguration
{
    /** The PSR-18 client requests are sent with. */
    public ClientInterface $client;

    /** @var list<ServerTemplate> The servers of the API description. */
    public array $servers = [];

    /** The server of $servers used when $serverUrl is not set. */
    public int $serverIndex = 0;

    /** A server URL that replaces $servers. */
    public ?string $serverUrl = null;

    /** @var array<string, string> Values of the server variables, by name. */
    public array $variables = [];

    /** @var list<SecurityScheme> */
    public array $schemes = [];

    /** @var list<list<string>> The security alternatives of the API, each a list of scheme keys. */
    public array $security = [];

    /** @var array<string, \Closure(): (string|BasicAuth|null)> Credential sources by scheme key, asked for each request. */
    public array $credentials = [];

    /** @var list<array{0: string, 1: string, 2: string, 3: bool, 4: mixed}> Global parameters: [in, name, style, explode, JSON value]. */
    public array $globals = [];

    /** The longest one attempt may take, in milliseconds; null for no limit. */
    public ?int $timeoutMs = null;

    /** The retry policy of every call that does not give its own. */
    public ?RetryConfig $retryConfig = null;

    /** The hooks run around each request. */
    public SDKHooks $hooks;

    /** Uses the given client, or a Guzzle client that leaves redirects and errors to the SDK and never times out by itself. */
    public function __construct(?ClientInterface $client = null)
    {
        $this->client = $client ?? new \GuzzleHttp\Client([
            'allow_redirects' => false,
            'http_errors' => false,
            'cookies' => false,
            'timeout' => 0,
        ]);
        $this->hooks = new SDKHooks();
    }

    /**
     * Sets a global parameter from the JSON form of its value (null leaves it unset); it replaces an earlier
     * global of the same location and name.
     */
    public function setGlobal(string $in, string $name, string $style, bool $explode, mixed $jsonValue): void
    {
        if ($jsonValue === null) {
            return;
        }
        $key = Call::paramKey($in, $name);
        $this->globals = \array_values(\array_filter($this->globals, static fn (array $g): bool => Call::paramKey($g[0], $g[1]) !== $key));
        $this->globals[] = [$in, $name, $style, $explode, $jsonValue];
    }
}
