<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

use Psr\Http\Message\ResponseInterface;
use SdkgenRuntime\Models\Errors\ResponseValidationException;
use SdkgenRuntime\Models\Errors\SDKException;

/** An answer with its body already read. */
final class CallResponse
{
    /** The HTTP status. */
    public readonly int $statusCode;

    /** The Content-Type header, or "" when there is none. */
    public readonly string $contentType;

    /** The body bytes. */
    public readonly string $body;

    /** The PSR-7 response (its body stream has been read; use $body). */
    public readonly ResponseInterface $raw;

    private bool $decoded = false;

    private mixed $decodedJson = null;

    public function __construct(ResponseInterface $raw, string $body)
    {
        $this->raw = $raw;
        $this->body = $body;
        $this->statusCode = $raw->getStatusCode();
        $this->contentType = $raw->getHeaderLine('Content-Type');
    }

    /** Whether the status is 2xx. */
    public function isSuccess(): bool
    {
        return $this->statusCode >= 200 && $this->statusCode < 300;
    }

    /** The index of the declared status that matches: exact, then a range ("4XX"), then "default"; -1 for none. */
    public function pick(string ...$patterns): int
    {
        $patterns = \array_values($patterns);
        $text = (string) $this->statusCode;
        $exact = \array_search($text, $patterns, true);
        if ($exact !== false) {
            return $exact;
        }
        foreach ($patterns as $i => $p) {
            if (\strlen($p) === 3 && $p[0] === $text[0] && \strtoupper(\substr($p, 1)) === 'XX') {
                return $i;
            }
        }
        $default = \array_search('default', $patterns, true);
        return $default === false ? -1 : $default;
    }

    private static function mediaType(string $contentType): string
    {
        return \strtolower(\trim(\explode(';', $contentType, 2)[0]));
    }

    /** Whether the response's content type satisfies a declared one (which may be a range such as "application/*"). */
    public function contentTypeIs(string $pattern): bool
    {
        $want = self::mediaType($pattern);
        $got = self::mediaType($this->contentType);
        return $want === '*/*'
            || $want === $got
            || (\str_ends_with($want, '/*') && \str_starts_with($got, \substr($want, 0, -1)));
    }

    /**
     * The body read as JSON with a model's reader; invalid JSON or a mismatch is a ResponseValidationException
     * naming the path of the offending value.
     */
    public function decodeJson(\Closure $read): mixed
    {
        try {
            $json = \json_decode($this->body, false, 512, \JSON_THROW_ON_ERROR);
        } catch (\JsonException $e) {
            throw new ResponseValidationException('the body is not valid JSON', '$', $this, $e);
        }
        $this->decoded = true;
        $this->decodedJson = $json;
        try {
            return $read($json, '$');
        } catch (JsonIssue $e) {
            throw new ResponseValidationException($e->getMessage(), $e->path, $this, $e);
        }
    }

    /** The body as text. */
    public function text(): string
    {
        return $this->body;
    }

    /** The error for a response the API description does not declare; its message never quotes the body. */
    public function unexpected(string $message): SDKException
    {
        return new SDKException($message, $this);
    }

    /**
     * The message of a declared error: the text at a path of the body decoded by decodeJson(), or the fallback.
     *
     * @param list<string>|null $path
     */
    public function messageAt(?array $path, string $fallback): string
    {
        if ($path === null || !$this->decoded) {
            return $fallback;
        }
        return Json::textAt($this->decodedJson, $path) ?? $fallback;
    }
}
