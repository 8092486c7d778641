"""Every text of the seed course, in corrected bokmål, as it must appear in the content and the built pages,
and the seed's structure (slides and their titles, self-assessments, write-in places, learning goals).

Written from the source text of the course (the film's slide text, ``000_8a850775f8d9a28d.txt``), in the seed's order, one entry per
text; texts the seed repeats (the first slide shown again at the end, the dimension names used twice, the
"Utviklingsområde 1"/"Styrke 1" field labels, the "Høy"/"Lav" axis ends) are listed once. A comment marks each
correction made relative to the seed's wording. Left out as form furniture, not text: the dotted write-in
lines, the "Svar:" answer lines (both become text fields) and the scale numbers "1 2 3 4 5".
"""

SEED_TEXTS: list[str] = [
    # --- Learning goals (first slide; repeated as the last slide) ---
    "Aktivt medarbeiderskap – hva, hvordan og hvorfor?",
    # seed: "begrepet aktive medarbeiderskap"
    "Økt forståelse for hva som ligger i begrepet aktivt medarbeiderskap",
    "Økte kunnskaper om hvordan utøve aktivt medarbeiderskap",
    "Vite mer om hvorfor lederskap er for viktig til kun å overlate til ledere",
    "Dele noen konkrete verktøy som du kan bruke til bevisstgjøring og refleksjon",
    "Læringsmål for denne filmen",
    "Kunnskaper, ferdigheter, holdninger, samt inspirere til anvendelse!",
    # --- 2x2 model (profile names in normal case; the seed writes them in capitals) ---
    # seed: "HANDLINGSLAMMET"
    "Handlingslammet",
    "Problemorientert, kan tillegge andre skylden for manglende utvikling og muligheter",
    # seed: "PROAKTIV"
    "Proaktiv",
    "Mulighetsorientert, jobber planmessig med egen karriere og utvikling",
    # seed: "BRIKKE"
    "Brikke",
    "Opplever seg som styrt og maktesløs, uten innflytelse på egen arbeidssituasjon",
    # seed: "REAKTIV"
    "Reaktiv",
    "Fleksibel, men liten bevissthet om egne ønsker og muligheter",
    "Høy",
    "Lav",
    "Selvbevissthet",
    "Omstillingsdyktighet",
    "Inspirert av Douglas T. Hall, Careers in and out of organizations",
    # --- Competence demands ---
    # seed: no question mark; the model slide's title (the seed puts a slide's title last)
    "Hva er de viktigste kompetansekravene i et arbeidsliv i endring?",
    "Økte krav til aktivt medarbeiderskap",
    "Selvledelse",
    "Ta ansvar for egen jobb (og utvikle den)",
    "Ta ansvar for egen karriere- og kompetanseutvikling",
    "Ta ansvar for egen trivsel og motivasjon",
    "Med-ledelse",
    "Melde inn ønsker og behov til nærmeste leder",
    "Være konstruktiv, bidrags- og løsningsorientert",
    "Gjøre din leder god",
    # also in the diagram as "Medarbeider-ledelse" (hyphen from a line break)
    "Medarbeiderledelse",
    "Bidra positivt til arbeids- og læringsmiljø",
    "Ta lederansvar i oppgaveløsning med andre",
    "Være en god kollega – verdsette ulikhet og utvikle tillit i relasjon til andre",
    # seed: "Hvordan du forholder deg til…….." (eight dots -> one ellipsis with a space before it)
    "Hvordan du forholder deg til …",
    # --- Three questions ---
    # seed: "stille oss….." (five dots -> one ellipsis with a space before it)
    "Tre sentrale spørsmål vi alle må stille oss …",
    "Hvem er du?",
    "Dine verdier, prioriteringer, din balanse, dine mål og visjoner, det gode liv for deg?",
    "Hva kan du?",
    "Hva er dine sterke sider og personlige talenter, hva er dine kunnskaper og ferdigheter?",
    "Hva vil du?",
    "Dine motivasjonsdrivere og verdier? Dine mål, ønsker og planer?",
    # --- Competence and motivation ---
    "Kompetanse og motivasjon i endringstider",
    "Indre motivasjon virker",
    "Medarbeidere jobber hardere på grunn av høyere involvering, forpliktelse og engasjement som skyldes høy grad av medbestemmelse og egenkontroll",
    "Medarbeidere jobber smartere fordi de blir oppfordret til å utvikle sine ferdigheter og sin kompetanse",
    # seed: ends with a full stop (the other two bullets do not)
    "Medarbeidere jobber mer ansvarlig fordi ansvaret er plassert i deres hender",
    "Lederstøtte",
    # seed: "Kollega-støtte" (hyphen from a line break)
    "Kollegastøtte",
    "Identitet",
    # seed: "Talent-utnyttelse" (hyphen from a line break)
    "Talentutnyttelse",
    # seed: "Mål og resultat-fokus" (line-break hyphen; shared part needs a hyphen: "Mål- og")
    "Mål- og resultatfokus",
    # seed: "Jobb-autonomi" (hyphen from a line break)
    "Jobbautonomi",
    # seed: "Prestasjons-drivere" (hyphen from a line break)
    "Prestasjonsdrivere",
    # seed: "Arbeids-innsats" (hyphen from a line break)
    "Arbeidsinnsats",
    "Bedre resultater",
    "Redusert turnover og sykefravær",
    "Økt produksjon",
    # seed: "Kilde: Bård Kuvaas BI."
    "Kilde: Bård Kuvaas, BI",
    "Motivasjon og medarbeiderskap",
    # --- KAN / LIKER ---
    # seed: "organisasjonens behov…." (four dots -> one ellipsis with a space before it)
    "Samstemme den enkeltes ønsker med organisasjonens behov …",
    "KAN",
    "LIKER",
    "Organisasjonens behov, mål og retning",
    "Interesser",
    "Motivasjon",
    "Personlighet",
    "Utdanning",
    "Erfaring",
    "Kvalifikasjoner",
    "Kjerneområde – felles fokus her",
    # --- Practical tools: self-assessment 1 ---
    "Praktiske verktøy",
    # seed: "EGENVURDERING" (column header of both self-assessment tables)
    "Egenvurdering",
    "Karrierebevissthet",
    "Jeg har tatt bevisste valg gjennom mitt arbeidsliv",
    "Jeg har en klar forståelse for hva karriere betyr for meg",
    # seed: "Jeg er vet hva som grunnleggende sett driver meg"
    "Jeg vet hva som grunnleggende sett driver meg",
    "Kompetansebevissthet",
    "Jeg har god oversikt over min kompetanse i bredde og i spiss",
    "Jeg kjenner mine faglige og personlige sterke sider",
    "Jeg har god innsikt i min sosiale kompetanse (hvem jeg er i samspill med andre)",
    "Motivasjon og arbeidsglede",
    "Jeg vet hva som motiverer meg",
    "Jeg vet hva som skaper arbeidsglede for meg",
    "Min leder eller kollegaer vet hva som motiverer meg",
    "Mål og utvikling",
    # seed: "min faglige og personlig utvikling"
    "Jeg har mål for min faglige og personlige utvikling",
    "Jeg vet hvordan målene skal nås",
    "Jeg tar initiativ og ansvar for egen læring og utvikling",
    # seed: "skal du tenkte over"
    "Med utgangspunkt i din egenvurdering skal du tenke over dine utviklingsområder og styrker.",
    "Utviklingsområder som du ønsker å gjøre noe med",
    # seed: no comma before "og" between the two main clauses
    "Hva er dine to viktigste utviklingsområder, og hvordan kan du sikre at utvikling finner sted?",
    # seed: "Utviklingsområde 1." (numbering full stop dropped from the field label; same for 2 and Styrke 1/2)
    "Utviklingsområde 1",
    "Utviklingsområde 2",
    "Styrker fra egenvurderingen",
    # seed: no comma before "og" between the two main clauses
    "Hva er dine to viktigste styrker, og hvordan kan du bruke disse i din videre prosess?",
    "Styrke 1",
    "Styrke 2",
    "Kartlegging og analyse av egen karrierebevissthet",
    # --- Self-assessment 2 ---
    # seed: "er aktivt med å utvikle den" ("være med på å")
    "Jeg tar ansvar for å gjøre egen jobb og er aktivt med på å utvikle den (tenk forbedring og utvikling)",
    "Jeg tar ansvar for egen karriere- og kompetanseutvikling",
    "Jeg tar ansvar for egen trivsel og motivasjon",
    "Jeg kommuniserer mine ønsker og behov til nærmeste leder",
    "Jeg er konstruktiv, bidrags- og løsningsorientert",
    "Jeg gjør min leder god",
    "Jeg bidrar positivt til å utvikle et godt arbeids- og læringsmiljø",
    "Jeg tar lederansvar i oppgaveløsning med andre",
    "Jeg er opptatt av å være en god kollega",
    # seed: "skal du tenkte over", and no final full stop
    "Ta utgangspunkt i spørsmålene og gjør en egenvurdering av din dyktighet/ditt ferdighetsnivå. Med utgangspunkt i din egenvurdering skal du tenke over dine utviklingsområder og styrker.",
    "Utviklingsområder",
    "Styrker",
    "Hva er dine to viktigste styrker og hvordan bruke disse?",
    # seed: "Egenevaluering av aktivt medarbeiderskap"; the seed's own word elsewhere is "egenvurdering"
    # (EGENVURDERING, "din egenvurdering"), and one term is used throughout
    "Egenvurdering av aktivt medarbeiderskap",
    # --- Reflection on self-leadership ---
    "Refleksjon over egen selvledelse",
    "Tema",
    "Egen oppsummering",
    "Hva tenker jeg er mine styrker når det gjelder å lede meg selv?",
    "Ta initiativ og være proaktiv",
    "Kunne sette mål og planlegge for gjennomføring av egne oppgaver",
    "Kunne prioritere for effektiv og riktig oppgaveløsning",
    "Forankre egne mål og oppgaver hos egen leder og hos andre interessenter",
    "Avstemme krav til kvalitet, ressursbruk og resultater",
    # seed: "arbeidspress og –stress" (en dash -> hyphen for the shared part)
    "Håndtere arbeidspress og -stress",
    "«Bestille ledelse»",
    "Hva synes jeg er krevende? Hva vil jeg utvikle meg på?",
    "Ta initiativ, være i forkant og proaktiv?",
    "Konkretisering av mål og oppgaver?",
    "Planlegging av oppgaver?",
    "Prioritering av oppgaver?",
    "Avklare krav til kvalitet, ressursbruk og resultater?",
    "Arbeidspress og stress?",
    "Gjennomføring?",
    "Forankring og involvering hos leder eller andre som har «aksjer» i dine oppgaver?",
    "Selvledelse fremover",
    "Hva kan jeg selv gjøre for å bli enda bedre på selvledelse?",
    "Hva trenger jeg eventuelt hjelp til?",
]

#: Seed headings that label a field of the content model rather than being content: the renderer must
#: supply them as interface text (nb), so they appear in the built pages but not in the content files.
RENDERER_LABELS: list[str] = [
    # seed: "Anbefalt prosess:" / "Anbefalt prosess", the heading of Questionnaire.process
    "Anbefalt prosess",
]

#: Seed texts that speak of the film: shown while the course has a film, replaced by a text about the
#: course while it has none.
FILM_TEXTS: list[str] = ["Læringsmål for denne filmen"]

#: The four learning goals: the first slide, repeated word for word as the last one (lines 416-433).
LEARNING_GOALS: list[str] = SEED_TEXTS[1:5]

#: Slides and their titles, as (title, a text that only that slide has). Slides are separated by blank
#: lines in the seed; the seed puts a slide's title LAST where it has a heading at the bottom (the
#: learning goals, the 2x2 model, Kuvaas' figure, the two self-assessment tables), otherwise first.
SLIDE_TITLES: list[tuple[str, str]] = [
    # lines 22-54: the 2x2 model; the title is line 54
    ("Hva er de viktigste kompetansekravene i et arbeidsliv i endring?", "Handlingslammet"),
    # lines 58-96: the three dimensions; the title is line 58
    ("Økte krav til aktivt medarbeiderskap", "Ta ansvar for egen jobb (og utvikle den)"),
    # lines 100-122
    ("Tre sentrale spørsmål vi alle må stille oss …", "Hvem er du?"),
    # line 126 (a slide of its own, before Kuvaas' figure)
    ("Kompetanse og motivasjon i endringstider", "Indre motivasjon virker"),
    # line 225 (a slide of its own, before the first self-assessment)
    ("Praktiske verktøy", "Jeg har tatt bevisste valg gjennom mitt arbeidsliv"),
    # line 366
    ("Refleksjon over egen selvledelse", "Ta initiativ og være proaktiv"),
]

#: The two self-assessments (lines 229-262 and 301-326): title, then categories with their statements.
SELF_ASSESSMENTS: list[tuple[str, list[tuple[str, list[str]]]]] = [
    ("Kartlegging og analyse av egen karrierebevissthet", [
        ("Karrierebevissthet", SEED_TEXTS[SEED_TEXTS.index("Karrierebevissthet") + 1:][:3]),
        ("Kompetansebevissthet", SEED_TEXTS[SEED_TEXTS.index("Kompetansebevissthet") + 1:][:3]),
        ("Motivasjon og arbeidsglede", SEED_TEXTS[SEED_TEXTS.index("Motivasjon og arbeidsglede") + 1:][:3]),
        ("Mål og utvikling", SEED_TEXTS[SEED_TEXTS.index("Mål og utvikling") + 1:][:3]),
    ]),
    ("Egenvurdering av aktivt medarbeiderskap", [
        ("Selvledelse", [
            "Jeg tar ansvar for å gjøre egen jobb og er aktivt med på å utvikle den (tenk forbedring og utvikling)",
            "Jeg tar ansvar for egen karriere- og kompetanseutvikling",
            "Jeg tar ansvar for egen trivsel og motivasjon",
        ]),
        ("Med-ledelse", [
            "Jeg kommuniserer mine ønsker og behov til nærmeste leder",
            "Jeg er konstruktiv, bidrags- og løsningsorientert",
            "Jeg gjør min leder god",
        ]),
        ("Medarbeiderledelse", [
            "Jeg bidrar positivt til å utvikle et godt arbeids- og læringsmiljø",
            "Jeg tar lederansvar i oppgaveløsning med andre",
            "Jeg er opptatt av å være en god kollega",
        ]),
    ]),
]

#: The places where the seed has the learner write (dotted lines, "Svar:" lines, the table's
#: "Egen oppsummering" column), in order, as (the field's name, the self-assessment it follows or None).
WRITE_INS: list[tuple[str, str | None]] = [
    ("Hvem er du?", None),
    ("Hva kan du?", None),
    ("Hva vil du?", None),
    *[(label, "Kartlegging og analyse av egen karrierebevissthet")
      for label in ("Utviklingsområde 1", "Utviklingsområde 2", "Styrke 1", "Styrke 2")],
    *[(label, "Egenvurdering av aktivt medarbeiderskap")
      for label in ("Utviklingsområde 1", "Utviklingsområde 2", "Styrke 1", "Styrke 2")],
    ("Hva tenker jeg er mine styrker når det gjelder å lede meg selv?", None),
    ("Hva synes jeg er krevende? Hva vil jeg utvikle meg på?", None),
    ("Hva kan jeg selv gjøre for å bli enda bedre på selvledelse?", None),
    ("Hva trenger jeg eventuelt hjelp til?", None),
]
