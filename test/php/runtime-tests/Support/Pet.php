<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests\Support;

use SdkgenRuntime\Utils\Json;

/** A small model written the way the emitter writes them: fromJson/toJson built from the Json helpers. */
final class Pet
{
    public const NAMES = ['id', 'name', 'color', 'tags', 'owner', 'nick', 'weight'];

    /**
     * @param list<string>|null $tags
     * @param array<string, mixed>|null $extra
     */
    public function __construct(
        public int $id,
        public string $name,
        public Color|string $color = Color::Red,
        public ?array $tags = null,
        public ?Pet $owner = null,
        public ?string $nick = null,
        public ?float $weight = null,
        public ?array $extra = null,
    ) {
    }

    public static function fromJson(mixed $json, string $path): self
    {
        $o = Json::expectObject($json, $path);
        return new self(
            Json::field($o, 'id', $path, Json::int(), true, null),
            Json::field($o, 'name', $path, Json::string(), true, null),
            Json::field($o, 'color', $path, Json::openEnum(Color::class), false, Json::parse('"red"', Json::enum(Color::class))),
            Json::field($o, 'tags', $path, Json::list(Json::string()), false, null),
            Json::field($o, 'owner', $path, Json::model(self::class), false, null),
            Json::field($o, 'nick', $path, Json::nullable(Json::string()), false, null),
            Json::field($o, 'weight', $path, Json::float(), false, null),
            Json::extra($o, $path, self::NAMES, Json::any()),
        );
    }

    public function toJson(string $path): \stdClass
    {
        $out = new \stdClass();
        Json::put($out, 'id', $this->id, $path, Json::writeInt());
        Json::put($out, 'name', $this->name, $path, Json::writeString());
        Json::put($out, 'color', $this->color, $path, Json::writeEnum(Color::class, true));
        if ($this->tags !== null) {
            Json::put($out, 'tags', $this->tags, $path, Json::writeList(Json::writeString()));
        }
        if ($this->owner !== null) {
            Json::put($out, 'owner', $this->owner, $path, Json::writeModel());
        }
        if ($this->nick !== null) {
            Json::put($out, 'nick', $this->nick, $path, Json::writeNullable(Json::writeString()));
        }
        if ($this->weight !== null) {
            Json::put($out, 'weight', $this->weight, $path, Json::writeFloat());
        }
        Json::putExtra($out, $this->extra, self::NAMES, $path, Json::writeAny());
        return $out;
    }
}
