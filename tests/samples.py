"""One filled example of every form, and the JSON fpdocs must make of it (non-default values).

Inputs are what staff type or pick (choices by their JSON value; the fillers pick the label);
expected JSON is written out by hand. All people are invented."""

from __future__ import annotations

from datetime import date

SAMPLES: dict[str, tuple[dict, dict]] = {
    "inntakssamtale": (
        {
            "saksnummer": "2026/1234", "dato": date(2026, 11, 23), "utfylt_av": "Fiona Fiktiv",
            "kontaktperson": "Kasper Konstruert", "familiepartnere": [{"navn": "Fiona Fiktiv"}],
            "foresatte": [{"navn": "Mona Oppdiktet", "rolle": "mor", "telefon": "400 00 001"}],
            "barn": [{"navn": "Tiril Oppdiktet", "fodselsdato": date(2016, 6, 1),
                      "bor_hjemme": True}],
            "informert_om_tiltaket": True, "informert_om_opplysningsplikt": True,
            "hjemmebesok": [{"dato": date(2026, 11, 24), "klokkeslett": "10:00"},
                            {"dato": date(2026, 11, 26)}, {"dato": date(2026, 11, 30)}],
            "bakgrunn": "Ønsker hjelp med rutiner.\nSkolen er bekymret.",
            "familierad_aktuelt": "nei",
        },
        {
            "saksnummer": "2026/1234", "dato": "2026-11-23", "utfylt_av": "Fiona Fiktiv",
            "kontaktperson": "Kasper Konstruert", "familiepartnere": [{"navn": "Fiona Fiktiv"}],
            "foresatte": [{"navn": "Mona Oppdiktet", "rolle": "mor", "telefon": "400 00 001"}],
            "barn": [{"navn": "Tiril Oppdiktet", "fodselsdato": "2016-06-01",
                      "bor_hjemme": True}],
            "informert_om_tiltaket": True, "informert_om_opplysningsplikt": True,
            "hjemmebesok": [{"dato": "2026-11-24", "klokkeslett": "10:00"},
                            {"dato": "2026-11-26"}, {"dato": "2026-11-30"}],
            "bakgrunn": "Ønsker hjelp med rutiner.\nSkolen er bekymret.",
            "familierad_aktuelt": "nei",
        },
    ),
    "rangeringsskjema": (
        {
            "saksnummer": "2026/1234", "dato": date(2026, 11, 30), "tidspunkt": "oppstart",
            "navn": "Tiril Oppdiktet", "rolle": "barn", "alder": "10",
            "vurderinger": [{"omrade": "Hjemme", "score": "7", "kommentar": "Bedre nå"},
                            {"omrade": "Venner", "score": "4"}, {"omrade": "Fritid"}],
            "viktigst_a_jobbe_med": "Å ha det fint på skolen.\nOg mer tid med venner.",
        },
        {
            "saksnummer": "2026/1234", "dato": "2026-11-30", "tidspunkt": "oppstart",
            "navn": "Tiril Oppdiktet", "rolle": "barn", "alder": 10,
            "vurderinger": [{"omrade": "Hjemme", "score": 7, "kommentar": "Bedre nå"},
                            {"omrade": "Venner", "score": 4}, {"omrade": "Fritid"}],
            "viktigst_a_jobbe_med": "Å ha det fint på skolen.\nOg mer tid med venner.",
        },
    ),
    "kartlegging_tjenester": (
        {
            "saksnummer": "2026/1234", "dato": date(2026, 12, 10),
            "barnets_navn": "Tiril Oppdiktet", "alder": "10",
            "tjenester": [{"tjeneste": "skole", "kontaktperson": "Lærer Lillevik-Fiktiv",
                           "hva_fungerer": "Friminuttene", "barnets_onsker": "Mindre lekser"},
                          {"tjeneste": "fritidsaktivitet", "hva_fungerer": "Fotball"}],
            "barnets_onsker_for_samarbeid": "At mamma og læreren snakker sammen.",
            "hvem_kan_fa_vite": "Mamma og læreren.",
        },
        {
            "saksnummer": "2026/1234", "dato": "2026-12-10",
            "barnets_navn": "Tiril Oppdiktet", "alder": 10,
            "tjenester": [{"tjeneste": "skole", "kontaktperson": "Lærer Lillevik-Fiktiv",
                           "hva_fungerer": "Friminuttene", "barnets_onsker": "Mindre lekser"},
                          {"tjeneste": "fritidsaktivitet", "hva_fungerer": "Fotball"}],
            "barnets_onsker_for_samarbeid": "At mamma og læreren snakker sammen.",
            "hvem_kan_fa_vite": "Mamma og læreren.",
        },
    ),
    "arbeidsplan": (
        {
            "saksnummer": "2026/1234", "dato": date(2026, 12, 7),
            "periode_fra": date(2026, 11, 23), "periode_til": date(2027, 2, 23),
            "mal": [{"type": "kortsiktig", "mal": "Rolige morgener",
                     "oppgaver_familien": "Legge klær frem",
                     "oppgaver_familiepartner": "Komme to morgener", "frist": date(2027, 1, 15),
                     "status": "pagar"},
                    {"type": "langsiktig", "mal": "Godt samarbeid med skolen"}],
            "familien_enig": True, "barna_involvert": True,
        },
        {
            "saksnummer": "2026/1234", "dato": "2026-12-07",
            "periode_fra": "2026-11-23", "periode_til": "2027-02-23",
            "mal": [{"type": "kortsiktig", "mal": "Rolige morgener",
                     "oppgaver_familien": "Legge klær frem",
                     "oppgaver_familiepartner": "Komme to morgener", "frist": "2027-01-15",
                     "status": "pagar"},
                    {"type": "langsiktig", "mal": "Godt samarbeid med skolen"}],
            "familien_enig": True, "barna_involvert": True,
        },
    ),
    "tiltaksplan": (
        {
            "saksnummer": "2026/1234", "dato": date(2027, 2, 15),
            "tiltaksplan_for": "Tiril Oppdiktet", "vedtaksdato": date(2026, 11, 10),
            "varighet_fra": date(2026, 11, 23), "varighet_til": date(2027, 8, 23),
            "delmal": [
                {"nr": "1", "hovedmal": "Trygg hverdag", "delmal": "Faste leggetider",
                 "tiltak": "Ukeplan", "evalueringsdato": date(2027, 2, 23)},
                {"nr": "1", "delmal": "Frokost hver dag", "familiens_oppgaver": "Handle inn"},
                {"nr": "2", "hovedmal": "Godt skolesamarbeid", "delmal": "Møte med lærer",
                 "hvem_ma_inn": "Skolen", "barneverntjenestens_oppgaver": "Kalle inn",
                 "evalueringsdato": date(2027, 2, 23)},
            ],
            "evaluering": [
                {"nr": "1", "delmal": "Faste leggetider", "malet_nadd": "delvis",
                 "gjennomfort_som_planlagt": "ja", "hva_hjalp_eller_hindret": "Ukeplanen",
                 "konklusjon": "fortsetter_med_justeringer"},
                {"nr": "2", "delmal": "Møte med lærer", "malet_nadd": "ja",
                 "konklusjon": "avsluttes"},
            ],
        },
        {
            "saksnummer": "2026/1234", "dato": "2027-02-15",
            "tiltaksplan_for": "Tiril Oppdiktet", "vedtaksdato": "2026-11-10",
            "varighet_fra": "2026-11-23", "varighet_til": "2027-08-23",
            "hovedmal": [
                {"nr": "1", "hovedmal": "Trygg hverdag", "delmal": [
                    {"delmal": "Faste leggetider", "tiltak": "Ukeplan",
                     "evalueringsdato": "2027-02-23", "malet_nadd": "delvis",
                     "gjennomfort_som_planlagt": "ja", "hva_hjalp_eller_hindret": "Ukeplanen",
                     "konklusjon": "fortsetter_med_justeringer"},
                    {"delmal": "Frokost hver dag", "familiens_oppgaver": "Handle inn"},
                ]},
                {"nr": "2", "hovedmal": "Godt skolesamarbeid", "delmal": [
                    {"delmal": "Møte med lærer", "hvem_ma_inn": "Skolen",
                     "barneverntjenestens_oppgaver": "Kalle inn",
                     "evalueringsdato": "2027-02-23", "malet_nadd": "ja",
                     "konklusjon": "avsluttes"},
                ]},
            ],
        },
    ),
    "moteskjema": (
        {
            "saksnummer": "2026/1234", "utfylt_av": "Fiona Fiktiv",
            "moter": [
                {"dato": date(2026, 11, 24), "familiepartner": "Fiona Fiktiv", "sted": "hjemme",
                 "fokus": "relasjonsbygging", "tema": ["rutiner", "okonomi"],
                 "varighet_timer": 1.5, "km": 12},
                {"dato": date(2026, 11, 26), "familiepartner": "Fiona Fiktiv",
                 "sted": "skole_barnehage",
                 "fokus": "samarbeidsmote", "varighet_timer": 1, "merknad": "Med lærer"},
            ],
        },
        {
            "saksnummer": "2026/1234", "utfylt_av": "Fiona Fiktiv",
            "moter": [
                {"dato": "2026-11-24", "familiepartner": "Fiona Fiktiv", "sted": "hjemme",
                 "fokus": "relasjonsbygging", "tema": ["rutiner", "okonomi"],
                 "varighet_timer": 1.5, "km": 12.0},
                {"dato": "2026-11-26", "familiepartner": "Fiona Fiktiv",
                 "sted": "skole_barnehage",
                 "fokus": "samarbeidsmote", "varighet_timer": 1.0, "merknad": "Med lærer"},
            ],
        },
    ),
    "rapportmal": (
        {
            "saksnummer": "2026/1234", "dato": date(2027, 5, 10), "tidspunkt": "6_mnd",
            "fase": "arbeidsfase", "periode_fra": date(2027, 2, 23),
            "periode_til": date(2027, 5, 23), "evalueringsmote_dato": date(2027, 5, 21),
            "kontakt": "To besøk i uka.", "vurderinger": "Mer ro hjemme.",
            "barnas_stemme": "Tiril sier det er bedre.",
            "gjennomgatt_med_familien": date(2027, 5, 14),
            "anbefaling": "forlenge_arbeidsfase", "videre_plan": "Fortsette med rutiner.",
        },
        {
            "saksnummer": "2026/1234", "dato": "2027-05-10", "tidspunkt": "6_mnd",
            "fase": "arbeidsfase", "periode_fra": "2027-02-23",
            "periode_til": "2027-05-23", "evalueringsmote_dato": "2027-05-21",
            "kontakt": "To besøk i uka.", "vurderinger": "Mer ro hjemme.",
            "barnas_stemme": "Tiril sier det er bedre.", "gjennomgatt_med_familien": "2027-05-14",
            "anbefaling": "forlenge_arbeidsfase", "videre_plan": "Fortsette med rutiner.",
        },
    ),
    "ansvarsgruppemote": (
        {
            "saksnummer": "2026/1234", "dato": date(2026, 12, 8), "motetype": "ansvarsgruppemote",
            "sted": "Skolen", "moteleder": "Kasper Konstruert", "referent": "Fiona Fiktiv",
            "deltakere": [{"navn": "Mona Oppdiktet", "instans_rolle": "Mor", "tilstede": True},
                          {"navn": "Lærer Lillevik-Fiktiv", "instans_rolle": "Skolen"}],
            "samtykke_foreligger": True,
            "agenda": [{"punkt": "Skolehverdagen", "referat": "Går bedre."}],
            "oppgaver": [{"oppgave": "Sende ukeplan hjem", "ansvarlig": "Skolen",
                          "frist": date(2026, 12, 15)},
                         {"oppgave": "Søke SFO-plass", "ansvarlig": "Mor"}],
            "neste_mote": date(2027, 1, 12),
        },
        {
            "saksnummer": "2026/1234", "dato": "2026-12-08", "motetype": "ansvarsgruppemote",
            "sted": "Skolen", "moteleder": "Kasper Konstruert", "referent": "Fiona Fiktiv",
            "deltakere": [{"navn": "Mona Oppdiktet", "instans_rolle": "Mor", "tilstede": True},
                          {"navn": "Lærer Lillevik-Fiktiv", "instans_rolle": "Skolen"}],
            "samtykke_foreligger": True,
            "agenda": [{"punkt": "Skolehverdagen", "referat": "Går bedre."}],
            "oppgaver": [{"oppgave": "Sende ukeplan hjem", "ansvarlig": "Skolen",
                          "frist": "2026-12-15"},
                         {"oppgave": "Søke SFO-plass", "ansvarlig": "Mor"}],
            "neste_mote": "2027-01-12",
        },
    ),
    "saksendring": (
        {"saksnummer": "2026/1234", "dato": date(2027, 3, 1), "hendelse": "plassering_frivillig",
         "merknad": "Barnet bor hos besteforeldre."},
        {"saksnummer": "2026/1234", "dato": "2027-03-01", "hendelse": "plassering_frivillig",
         "merknad": "Barnet bor hos besteforeldre."},
    ),
}  # fmt: skip
