"""Settings: built-in defaults (defaults.toml), the office's fpdocs.toml, then environment."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

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
    max_unpacked_mb: float = Field(gt=0)
    max_compression_ratio: float = Field(gt=1)
    max_parts: int = Field(gt=0)
    max_rows: int = Field(gt=0)
    mask_national_ids: bool
    retention_days: int = Field(ge=0)
    soffice_command: str = "soffice"  # LibreOffice, for PDFs of reports
    pdf_converters: int = Field(default=2, ge=1, le=8)
    pdf_timeout_seconds: float = Field(default=120, gt=0)
    rating_areas_adult: tuple[str, ...] = Field(min_length=1)
    rating_areas_child: tuple[str, ...] = Field(min_length=1)
    kalender: Rules = Rules()

    @field_validator("case_number_pattern")
    @classmethod
    def _valid_pattern(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as error:  # not a ValueError: pydantic would let it through
            raise ValueError(f"et gyldig regulært uttrykk ({error})") from None
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
    def heartbeat(self) -> Path:
        return self.state_dir / "heartbeat.json"

    def limits(self):  # -> fpdocs.readers.package.Limits (imported here: readers are heavy)
        from fpdocs.readers.package import MB, Limits

        return Limits(
            max_file_bytes=int(self.max_file_mb * MB),
            max_unpacked_bytes=int(self.max_unpacked_mb * MB),
            max_ratio=self.max_compression_ratio,
            max_parts=self.max_parts,
            max_rows=self.max_rows,
        )

    @property
    def work_dir(self) -> Path:
        """Claimed files wait here; inside the inbox so a claim is a rename on one file system."""
        return self.inbox / ".fpdocs-arbeid"


class ConfigError(Exception):
    """A setting is wrong; the message says which and what is expected."""


def load_settings(**overrides: object) -> Settings:
    """The settings, or ``ConfigError`` with a Norwegian message that names each bad key."""
    where = f"Feil i innstillingene ({config_file()} eller FPDOCS_-variabler)"
    advice = (
        "Rett verdien og start fpdocs på nytt. Alle innstillinger og standardverdier står i "
        "fpdocs/defaults.toml; kalenderens i fpdocs/calendar/rules.py."
    )
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        lines = [f"  {_error_line(e)}" for e in error.errors(include_url=False)]
        raise ConfigError(f"{where}:\n" + "\n".join(lines) + f"\n{advice}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{where}: {config_file()} er ikke gyldig TOML ({error}).\n{advice}"
        ) from None
    except OSError as error:
        raise ConfigError(
            f"{where}: {config_file()} kan ikke leses ({type(error).__name__})."
        ) from None


# pydantic's error types, said in Norwegian: what the value must be
_EXPECTED: dict[str, str] = {
    "greater_than_equal": "må være {ge} eller mer",
    "greater_than": "må være større enn {gt}",
    "less_than_equal": "kan være høyst {le}",
    "less_than": "må være mindre enn {lt}",
    "int_parsing": "må være et helt tall",
    "int_type": "må være et helt tall",
    "int_from_float": "må være et helt tall",
    "float_parsing": "må være et tall",
    "float_type": "må være et tall",
    "bool_parsing": "må være true eller false",
    "bool_type": "må være true eller false",
    "string_type": "må være tekst i anførselstegn",
    "path_type": "må være en mappe (tekst i anførselstegn)",
    "list_type": "må være en liste, f.eks. [1, 2, 3]",
    "tuple_type": "må være en liste, f.eks. [1, 2, 3]",
    "too_short": "må ha minst {min_length} verdi(er)",
    "too_long": "kan ha høyst {max_length} verdier",
    "missing": "mangler",
    "extra_forbidden": "er ikke en innstilling fpdocs kjenner (skrivefeil?)",
    "model_type": "må være en tabell av innstillinger, f.eks. [kalender]",
}

# the calendar rules' consistency checks (fpdocs/calendar/rules.py), said in Norwegian
_RULE_CHECKS: dict[str, str] = {
    "extended_length_months must be at least": (
        "kalender.extended_length_months må være minst like stor som kalender.default_length_months"
    ),
    "default_length_months must cover": (
        "kalender.default_length_months må være minst start_phase_months + closing_phase_months"
    ),
    "the report draft must be due before": (
        "kalender.report_draft_lead_days må være minst like stor som "
        "kalender.report_review_lead_days: rapportutkastet må være klart før det gjennomgås "
        "med familien"
    ),
    "followup_call_months must be strictly increasing": (
        "kalender.followup_call_months må være stigende tall uten gjentakelser, f.eks. [1, 2, 3]"
    ),
}


def _error_line(error: Any) -> str:
    key = ".".join(str(p) for p in error["loc"])
    found = f" (fant {error['input']!r})" if "input" in error else ""
    if error["type"] == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        for english, norwegian in _RULE_CHECKS.items():
            if message.startswith(english):
                return norwegian
        return f"{key}: må være {message}{found}" if key else message
    expected = _EXPECTED.get(error["type"])
    if expected is None:
        return f"{key}: {error['msg']}{found}"
    limits = {k: _number(v) for k, v in error.get("ctx", {}).items()}
    return f"{key}: {expected.format(**limits)}{found}"


def _number(value: Any) -> Any:
    """0.0 -> 0, 2.5 -> 2,5: numbers as a Norwegian reader writes them."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else str(value).replace(".", ",")
    return value
