<?php

declare(strict_types=1);

namespace SdkgenRuntime\Models\Errors;

use SdkgenRuntime\Utils\CallResponse;

/** The response body does not have the shape the API description promises; $path names the value. */
class ResponseValidationException extends SDKBaseException
{
    /** Where the offending value is, such as `$.profile.watchedIndicator`. */
    public readonly string $path;

    public function __construct(string $message, string $path, CallResponse $response, ?\Throwable $previous = null)
    {
        parent::__construct("Response validation failed at {$path}: {$message}", $response, $previous);
        $this->path = $path;
    }
}
