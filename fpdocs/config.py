"""Settings: built-in defaults (defaults.toml), the office's fpdocs.toml, then environment."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from fpdocs.calendar import Rules

DEFAULTS = Path(__file__).with_name("defaults.toml")


def config_file() -> Path:
    return Path(os.environ.get("FPDOCS_CONFIG", "fpdocs.toml"))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="FPDOCS_", env_nested_delimiter="__", extra="forbid"
    )

    inbox: Path
    outbox: Path
    state_dir: Path
    case_number_pattern: str
    stable_seconds: float = Field(ge=0)
    scan_interval_seconds: float = Field(gt=0)
    max_file_mb: float = Field(gt=0)
    rating_areas_adult: tuple[str, ...] = Field(min_length=1)
    rating_areas_child: tuple[str, ...] = Field(min_length=1)
    kalender: Rules = Rules()

    @field_validator("case_number_pattern")
    @classmethod
    def _valid_pattern(cls, value: str) -> str:
        re.compile(value)
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        files = [DEFAULTS, config_file()]
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=files, deep_merge=True),
        )

    @property
    def database(self) -> Path:
        return self.state_dir / "fpdocs.sqlite3"

    @property
    def archive(self) -> Path:
        return self.state_dir / "arkiv"

    @property
    def log_dir(self) -> Path:
        return self.state_dir / "logg"

    @property
    def work_dir(self) -> Path:
        """Claimed files wait here; inside the inbox so a claim is a rename on one file system."""
        return self.inbox / ".fpdocs-arbeid"


class ConfigError(Exception):
    """A setting is wrong; the message says which and what is expected."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        lines = [
            f"  {'.'.join(str(p) for p in e['loc'])}: {e['msg']} (fant {e.get('input')!r})"
            for e in error.errors(include_url=False)
        ]
        raise ConfigError(
            f"Feil i innstillingene ({config_file()} eller FPDOCS_-variabler):\n" + "\n".join(lines)
        ) from None
