<?php

// Conformance driver for the generated PHP SDK; the contract is in test/conformance/README.md.
//
// Run as `php driver.php <scenarios.json> <base URL>`. The SDK is loaded from generated/php/src with a
// PSR-4 autoloader of its own, Guzzle and the PSR interfaces from Debian's /usr/share/php (no Composer).

declare(strict_types=1);

use SdkGen\Plex_API\Models\Components;
use SdkGen\Plex_API\Models\Errors;
use SdkGen\Plex_API\Models\Operations;
use SdkGen\Plex_API\PlexAPI;
use SdkGen\Plex_API\Utils;

require_once '/usr/share/php/Psr/Http/Message/autoload.php';
require_once '/usr/share/php/Psr/Http/Client/autoload.php';
require_once '/usr/share/php/GuzzleHttp/autoload.php';

const SDK_PREFIX = 'SdkGen\\Plex_API\\';
define('SDK_SRC', getenv('SDKGEN_PHP_SRC') ?: dirname(__DIR__, 4) . '/generated/php/src');

spl_autoload_register(static function (string $class): void {
    if (!str_starts_with($class, SDK_PREFIX)) {
        return;
    }
    $file = SDK_SRC . '/' . str_replace('\\', '/', substr($class, strlen(SDK_PREFIX))) . '.php';
    if (is_file($file)) {
        require_once $file;
    }
});

/** The SDK's retry config of a contract retry policy; null when the scenario sets none. */
function retryConfig(?array $policy): ?Utils\RetryConfig
{
    if ($policy === null) {
        return null;
    }
    if (($policy['strategy'] ?? 'none') !== 'backoff') {
        return new Utils\RetryConfig('none');
    }
    $b = $policy['backoff'] ?? [];
    return new Utils\RetryConfig(
        strategy: 'backoff',
        backoff: new Utils\BackoffStrategy(
            initialIntervalMs: (int) ($b['initialInterval'] ?? 500),
            maxIntervalMs: (int) ($b['maxInterval'] ?? 60000),
            exponent: (float) ($b['exponent'] ?? 1.5),
            maxElapsedTimeMs: (int) ($b['maxElapsedTime'] ?? 3600000),
        ),
        retryConnectionErrors: (bool) ($policy['retryConnectionErrors'] ?? false),
    );
}

/** An enum case's wire value; a raw value (an open enum's unknown one) as it is. */
function raw(mixed $value): mixed
{
    return $value instanceof \BackedEnum ? $value->value : $value;
}

/** The facts of a decoded UserPlexAccount (either model: both have these properties). */
function accountFacts(int $status, Components\UserPlexAccount|Operations\PostUsersSignInDataUserPlexAccount $a): array
{
    return [
        'status' => $status,
        'id' => $a->id,
        'uuid' => $a->uuid,
        'authToken' => $a->authToken,
        'email' => $a->email,
        'joinedAt' => $a->joinedAt,
        'locale' => $a->locale,
        'anonymous' => $a->anonymous,
        'hasPassword' => $a->hasPassword,
        // An open enum: a MailingListStatus case, or the raw string the SDK does not know.
        'mailingListStatus' => raw($a->mailingListStatus),
        'subscriptionStatus' => $a->subscription->status === null ? null : (string) raw($a->subscription->status),
        'firstServiceStatus' => count($a->services) > 0 ? (string) raw($a->services[0]->status) : null,
        'watchedIndicator' => (int) raw($a->profile->watchedIndicator),
        'roles' => $a->roles,
    ];
}

/**
 * A closed enum's case of a wire value. PHP has no escape hatch: a backed enum cannot hold a value that
 * is not one of its cases, so an unknown value can never reach the SDK. The driver reports what the SDK's
 * own check would: the input rejected before sending (SDKValidationError), and nothing is sent.
 *
 * @template T of \BackedEnum
 * @param class-string<T> $enum
 * @return T
 */
function closedEnum(string $enum, string $value, string $name): \BackedEnum
{
    $case = $enum::tryFrom($value);
    if ($case === null) {
        throw new Errors\SDKValidationException("{$name}: '{$value}' is not a value of " . $enum, '$.' . $name);
    }
    return $case;
}

function run(PlexAPI $sdk, array $call, ?string $serverURL, Utils\RequestOptions $options): array
{
    $args = $call['args'] ?? [];
    $auth = $sdk->authentication;
    switch ($call['operation']) {
        case 'getTransientToken':
            $type = closedEnum(Operations\GetTransientTokenQueryParamType::class, $args['type'], 'type');
            $scope = closedEnum(Operations\Scope::class, $args['scope'], 'scope');
            $res = $auth->getTransientToken(type: $type, scope: $scope, serverURL: $serverURL, options: $options);
            return ['status' => $res->statusCode];
        case 'getSourceConnectionInformation':
            $res = $auth->getSourceConnectionInformation(source: $args['source'], serverURL: $serverURL, options: $options);
            return ['status' => $res->statusCode];
        case 'getTokenDetails':
            $res = $auth->getTokenDetails(serverURL: $serverURL, options: $options);
            return accountFacts($res->statusCode, $res->userPlexAccount);
        case 'postUsersSignInData':
            $body = $args['requestBody'];
            $perCall = $args['globals'] ?? [];
            $request = new Operations\PostUsersSignInDataRequest(
                clientID: $perCall['X-Plex-Client-Identifier'] ?? null,
                clientName: $perCall['X-Plex-Product'] ?? null,
                deviceNickname: $perCall['X-Plex-Device'] ?? null,
                clientVersion: $perCall['X-Plex-Version'] ?? null,
                platform: $perCall['X-Plex-Platform'] ?? null,
                requestBody: new Operations\PostUsersSignInDataRequestBody(
                    login: $body['login'],
                    password: $body['password'],
                    rememberMe: $body['rememberMe'] ?? null,
                    verificationCode: $body['verificationCode'] ?? null,
                ),
            );
            $res = $auth->postUsersSignInData(request: $request, serverURL: $serverURL, options: $options);
            $facts = accountFacts($res->statusCode, $res->userPlexAccount);
            $facts['pastSubscriptionsCount'] = count($res->userPlexAccount->pastSubscriptions);
            return $facts;
    }
    throw new \InvalidArgumentException("unknown operation {$call['operation']}");
}

/** The contract's neutral names: PHP's Exception suffix is the other targets' Error; declared errors keep theirs. */
function neutralName(Errors\SDKBaseException $e): string
{
    $name = (new \ReflectionClass($e))->getShortName();
    if ($e instanceof Errors\APIException) {
        return $name;
    }
    return str_ends_with($name, 'Exception') ? substr($name, 0, -strlen('Exception')) . 'Error' : $name;
}

if ($argc !== 3) {
    fwrite(STDERR, "usage: driver.php <scenarios.json> <base URL>\n");
    exit(2);
}
$document = json_decode((string) file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
$client = $document['client'];
$globals = $client['globals'];

foreach ($document['scenarios'] as $scenario) {
    $id = $scenario['id'];
    $serverUrl = ($scenario['baseUrl'] ?? $argv[2]) . '/' . $id;
    $onClient = $scenario['serverUrl'] === 'client';
    $clientOptions = $scenario['clientOptions'] ?? [];
    // Globals are set through the setters of the PHP seed's names (spec/php-seed-names.overlay.yaml).
    $builder = PlexAPI::builder()
        ->setSecurity($client['accessToken'])
        ->setClientID($globals['X-Plex-Client-Identifier'])
        ->setClientName($globals['X-Plex-Product'])
        ->setDeviceNickname($globals['X-Plex-Device'])
        ->setClientVersion($globals['X-Plex-Version'])
        ->setPlatform($globals['X-Plex-Platform']);
    if ($onClient) {
        $builder->setServerURL($serverUrl);
    }
    if (isset($clientOptions['timeoutMs'])) {
        $builder->setTimeoutMs((int) $clientOptions['timeoutMs']);
    }
    $clientRetries = retryConfig($clientOptions['retries'] ?? null);
    if ($clientRetries !== null) {
        $builder->setRetryConfig($clientRetries);
    }
    $sdk = $builder->build();

    $call = $scenario['call'];
    $callOptions = $call['options'] ?? [];
    $options = new Utils\RequestOptions(
        timeoutMs: isset($callOptions['timeoutMs']) ? (int) $callOptions['timeoutMs'] : null,
        retryConfig: retryConfig($callOptions['retries'] ?? null),
        retryCodes: $callOptions['retryCodes'] ?? null,
    );

    $started = hrtime(true);
    try {
        $facts = run($sdk, $call, $onClient ? null : $serverUrl, $options);
        $line = ['id' => $id, 'ok' => true, 'facts' => $facts];
    } catch (Errors\SDKBaseException $e) {
        $line = ['id' => $id, 'ok' => false, 'error' => ['type' => neutralName($e), 'status' => $e->statusCode, 'message' => $e->getMessage()]];
    }
    $line['elapsedMs'] = (hrtime(true) - $started) / 1e6;
    // Facts keep their JSON shapes: an empty list stays [], a float stays a float.
    fwrite(STDOUT, json_encode($line, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION) . "\n");
    fflush(STDOUT);
}
exit(0);
