<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests\Support;

use GuzzleHttp\Client;
use GuzzleHttp\Handler\MockHandler;
use GuzzleHttp\HandlerStack;
use GuzzleHttp\Psr7\Response;
use Psr\Http\Message\RequestInterface;
use Psr\Http\Message\ResponseInterface;

/**
 * A Guzzle client over a MockHandler: records each request with the options it was sent with and answers
 * with the responder, given the request and its index (a responder may throw, as a failing transport does).
 */
final class Stub
{
    /** @var list<RequestInterface> */
    public array $requests = [];

    /** @var list<array<string, mixed>> */
    public array $options = [];

    public readonly MockHandler $mock;

    public readonly Client $client;

    /** @param \Closure(RequestInterface, int): ResponseInterface $respond */
    public function __construct(\Closure $respond, int $capacity = 40)
    {
        $this->mock = new MockHandler();
        for ($i = 0; $i < $capacity; $i++) {
            $this->mock->append(function (RequestInterface $request, array $options) use ($respond): ResponseInterface {
                $this->requests[] = $request;
                $this->options[] = $options;
                return $respond($request, \count($this->requests) - 1);
            });
        }
        $this->client = new Client(['handler' => HandlerStack::create($this->mock)]);
    }

    public static function status(int $status, string $body = '{}', array $headers = ['Content-Type' => 'application/json']): ResponseInterface
    {
        return new Response($status, $headers, $body);
    }

    public static function redirect(int $status, string $location): ResponseInterface
    {
        return new Response($status, ['Location' => $location]);
    }

    /** The one request sent. */
    public function single(): RequestInterface
    {
        if (\count($this->requests) !== 1) {
            throw new \LogicException(\count($this->requests) . ' requests were sent, not 1');
        }
        return $this->requests[0];
    }
}
