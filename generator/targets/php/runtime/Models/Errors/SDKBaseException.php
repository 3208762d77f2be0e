<?php

declare(strict_types=1);

namespace SdkgenRuntime\Models\Errors;

use Psr\Http\Message\ResponseInterface;
use SdkgenRuntime\Utils\CallResponse;

/** The base of every error the SDK throws; where it came from a response, that response. */
class SDKBaseException extends \RuntimeException
{
    /** The HTTP status of the response, or null when there was none. */
    public readonly ?int $statusCode;

    /** The response's Content-Type header, or null. */
    public readonly ?string $contentType;

    /** The response body as text, or null. */
    public readonly ?string $body;

    /** The HTTP response; its body has already been read (see $body). */
    public readonly ?ResponseInterface $rawResponse;

    public function __construct(string $message, ?CallResponse $response = null, ?\Throwable $previous = null)
    {
        parent::__construct($message, 0, $previous);
        $this->statusCode = $response?->statusCode;
        $this->contentType = $response?->contentType;
        $this->body = $response?->body;
        $this->rawResponse = $response?->raw;
    }

    /**
     * The response's headers (name => list of values), or an empty array when there was no response.
     *
     * @return array<string, list<string>>
     */
    public function headers(): array
    {
        return $this->rawResponse?->getHeaders() ?? [];
    }
}
