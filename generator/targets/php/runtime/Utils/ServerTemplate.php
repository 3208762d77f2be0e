<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

/** A server URL template and its variables. */
final class ServerTemplate
{
    /** The URL, with `{name}` placeholders for its variables. */
    public readonly string $url;

    /** @var list<ServerVariable> */
    public readonly array $variables;

    public function __construct(string $url, ServerVariable ...$variables)
    {
        $this->url = $url;
        $this->variables = \array_values($variables);
    }
}
