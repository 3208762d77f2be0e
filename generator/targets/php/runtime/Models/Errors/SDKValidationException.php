<?php

declare(strict_types=1);

namespace SdkgenRuntime\Models\Errors;

/** The input was rejected before any request was sent. */
class SDKValidationException extends SDKBaseException
{
    /** The argument or field at fault, such as `$.requestBody.login` or `serverURL`. */
    public readonly string $path;

    public function __construct(string $message, string $path, ?\Throwable $previous = null)
    {
        parent::__construct("Invalid input at {$path}: {$message}", null, $previous);
        $this->path = $path;
    }
}
