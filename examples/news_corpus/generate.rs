//! A deterministic generator of news-like articles for benchmarks: Zipf-distributed words over a
//! ranked vocabulary with a long tail of rare forms, datelines, quotes, attributions,
//! abbreviations, numbers, hyphenated compounds, apostrophes and non-ASCII names. Article `i` of a
//! seed is always the same text, so a corpus of 4x the size starts with the 1x corpus.

/// One generated article.
pub struct NewsArticle {
    /// `outlet/a000123`: the id framescope gives the file `outlet/a000123.txt` of the folder layout.
    pub id: String,
    pub outlet: &'static str,
    pub title: String,
    /// The full text: headline, blank line, paragraphs.
    pub text: String,
}

/// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators"): small,
/// fast and good enough for text that only has to look plausible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.range(0, items.len() - 1)]
    }
}

/// Common words of English news, roughly from most to least frequent. Written for this generator.
const VOCABULARY: &str = "
the of to and a in that for on is said was with he it as at by from his be have has are but not an
they who were this will which had its been would their more after about also we one there or up than
new two when i out over into she some can her could all what if them other three only against last
so because while people first year no us before under during most since government officials
minister president told years country week state police between just those told according like
now many did do percent back including time where told four where may should still made being
talks security forces officials military war peace crisis economy market prices public health
would support new city local national international court law election party leader leaders
group groups report reports reported days months day month world region regional capital border
ministry spokesman spokeswoman statement agency agencies foreign defence defense trade deal deals
plan plans policy policies budget tax taxes bank banks money million billion growth inflation rate
rates jobs workers union unions company companies business industry energy oil gas power climate
water food aid refugees civilians children families women men home homes school schools hospital
hospitals doctors patients attack attacks attacked killed wounded injured dead died death deaths
fighting fighters troops army soldiers weapons missile missiles strike strikes strikes bombing
violence violent clashes protest protests protesters demonstrators arrested arrest charges trial
judge judges ruling case cases investigation investigators evidence allegations accused denied
vote votes voters campaign candidate candidates parliament lawmakers senate congress opposition
coalition reform reforms rights freedom democracy corruption scandal resignation resigned
agreement agreements ceasefire negotiations negotiators summit envoy ambassador diplomats
diplomatic relations sanctions treaty accord visit visited meeting meetings met discussed
hope hopes hoped optimism progress breakthrough success successful improve improved improvement
recovery stable stability growth strong strength positive good better best great benefit
benefits help helped helping support supported welcome welcomed praised praise agreed agree
concern concerns concerned worried worry fears fear feared threat threats threatened threatening
risk risks danger dangerous warning warned warn warns emergency disaster collapse collapsed
fail failed failure losses loss lost decline declined fell fall drop dropped cut cuts shortage
shortages poverty hunger famine flood floods drought fire fires storm earthquake damage damaged
destroyed destruction suffering victims survivors displaced shelter camps relief humanitarian
criticised criticized criticism blamed blame condemned condemn demanded demand demands called
calls urged urge insisted claimed claims argued warned rejected reject refused refuse
announced announcement confirmed expected expects expect likely unlikely possible plans planned
continue continued continues remain remained remains began begin started start ended end ending
increase increased rise rose rising higher high low lower record records largest biggest major
significant serious severe sharp sharply slightly modest modestly key main central important
political politics economic economics financial social military public private official officially
federal local regional global national european american african asian chinese russian british
french german indian japanese spokesperson analyst analysts expert experts researchers study
data figures survey poll polls results result shows showed show found find across around within
without through among against toward towards despite however although though yet while whether
next later earlier already again also even still very really too much more most less least few
several some many every each both either neither another such same own other whole entire
statement statements interview interviews press conference reporters journalists media news
television radio online social network networks internet technology digital data systems system
service services program programme programs project projects fund funds funding investment
investors investor shares stocks stock exchange markets currency dollar euro pound yen debt loan
loans interest payments payment costs cost price pay paid wages salaries pension pensions
housing rent homes construction infrastructure roads bridge bridges transport rail airport port
ship ships vessel vessels cargo exports imports tariffs tariff supply supplies chain production
farmers farm crops harvest land forest forests environment environmental pollution emissions carbon
warming temperatures heat weather rain snow winter summer spring autumn season morning evening
night monday tuesday wednesday thursday friday saturday sunday january february march april june
july august september october november december today yesterday tomorrow recently currently
community communities residents neighbourhood neighborhood village villages town towns province
provinces district districts area areas zone zones territory territories island islands coast
north south east west northern southern eastern western centre center middle top bottom side sides
move moved moves moving step steps action actions measures measure efforts effort decision decisions
way ways part parts number numbers level levels point points issue issues question questions problem
problems situation conditions condition access control power powers role roles position positions
life lives living live family friend friends father mother son daughter wife husband child young old
age ages student students teacher teachers university universities research science scientists
disease diseases virus outbreak vaccine vaccines vaccination cases infections infected hospitalised
treatment medicine medical care nurses staff shortage waiting lists mental illness cancer deaths
crime crimes criminal criminals gang gangs drugs drug murder shooting shootings gun guns victims
prison prisoners jail sentence sentenced convicted guilty innocent lawyer lawyers prosecutor
prosecutors defendant appeal appeals constitution constitutional legal illegal law laws rules
regulation regulations regulators ban banned limits limit standards compliance licence license
immigration migrants migration asylum seekers deportation citizens citizenship identity culture
cultural tradition traditions religion religious church mosque temple faith values moral morality
honest fair unfair equal equality inequality justice injustice discrimination racism rights abuses
brutal bloody deadly horrific tragic tragedy terrible awful shocking outrage outraged anger angry
calm peaceful quiet safe safety secure protected protection defend defended defence alliance allies
enemy enemies invasion occupied occupation siege offensive counteroffensive advance retreat frontline
rebels militants insurgents terrorist terrorists terrorism extremists extremist bomb bombs explosion
explosions drone drones aircraft jets artillery shelling airstrike airstrikes raid raids ambush
hostages hostage kidnapped released release freed negotiate negotiated mediation mediator mediators
dialogue compromise concessions consensus cooperation partnership partners partner joint mutual
";

/// Hyphenated compounds common in news.
const COMPOUNDS: &[&str] = &[
    "long-term",
    "short-term",
    "two-state",
    "so-called",
    "cease-fire",
    "post-war",
    "well-known",
    "high-level",
    "year-on-year",
    "cross-border",
    "far-right",
    "left-wing",
    "right-wing",
    "state-owned",
    "self-defence",
    "decision-making",
    "peace-keeping",
    "low-income",
    "full-time",
    "middle-class",
    "record-breaking",
    "life-threatening",
    "non-profit",
    "first-ever",
    "pro-government",
];

const FIRST_NAMES: &[&str] = &[
    "Elena",
    "José",
    "Zoë",
    "Søren",
    "Łukasz",
    "Ingrid",
    "Amélie",
    "Jürgen",
    "Chloé",
    "Amir",
    "Fatima",
    "Kwame",
    "Mei",
    "Rahul",
    "Olga",
    "Tomás",
    "Aisha",
    "Björn",
    "Nadia",
    "Kenji",
    "Grace",
    "Mateo",
    "Irina",
    "Samuel",
    "Leïla",
    "Dmitri",
    "Ana",
    "Oluwaseun",
    "Hana",
    "Pedro",
];

const SURNAMES: &[&str] = &[
    "Martínez",
    "Müller",
    "Nowak",
    "Okafor",
    "Haddad",
    "Nakamura",
    "Ivanova",
    "Đorđević",
    "Brønsted",
    "Çelik",
    "Sánchez",
    "Dubois",
    "O'Neill",
    "Kowalczyk",
    "Lindqvist",
    "Ngata",
    "Papadopoulos",
    "Ferreira",
    "Markovic",
    "Hadid",
    "Chen",
    "Okonkwo",
    "Petrov",
    "Rossi",
    "Yılmaz",
    "Smith",
    "Novák",
    "Jensen",
    "García",
    "Kim",
    "Mensah",
    "Hoffmann",
    "Silva",
    "Tanaka",
    "Ahmed",
    "Walsh",
];

const CITIES: &[&str] = &[
    "GENEVA",
    "ZÜRICH",
    "SÃO PAULO",
    "KRAKÓW",
    "BOGOTÁ",
    "REYKJAVÍK",
    "DÜSSELDORF",
    "MALMÖ",
    "NAIROBI",
    "JAKARTA",
    "MONTRÉAL",
    "BRASÍLIA",
    "LAGOS",
    "WARSAW",
    "BRUSSELS",
    "VIENNA",
    "ISTANBUL",
    "MANILA",
    "LIMA",
    "ACCRA",
    "OSLO",
    "SEOUL",
    "MUMBAI",
    "CAIRO",
];

const PLACES: &[&str] = &[
    "Geneva",
    "Zürich",
    "São Paulo",
    "Kraków",
    "Bogotá",
    "Reykjavík",
    "Düsseldorf",
    "Malmö",
    "Nairobi",
    "Jakarta",
    "Montréal",
    "Brasília",
    "Lagos",
    "Warsaw",
    "Brussels",
    "Vienna",
    "the capital",
    "the region",
];

const ORGANISATIONS: &[&str] = &[
    "the United Nations",
    "the European Union",
    "NATO",
    "the finance ministry",
    "the central bank",
    "the World Health Organization",
    "the U.N. refugee agency",
    "the U.S. State Department",
    "the Red Cross",
    "the International Monetary Fund",
    "the health ministry",
    "the opposition party",
    "the Institute for Regional Studies",
    "the national statistics office",
    "the interior ministry",
];

const ROLES: &[&str] = &[
    "a spokesperson for",
    "a senior official at",
    "an analyst at",
    "a professor at",
    "an economist at",
    "the head of",
    "a researcher at",
    "an adviser to",
    "a spokesman for",
    "a spokeswoman for",
];

const TITLES: &[&str] = &["Mr.", "Ms.", "Dr.", "Gen.", "Sen.", "Prof.", "Gov.", "Rep."];

const MONTHS: &[&str] = &[
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

const SAYS: &[&str] = &[
    "said",
    "told reporters",
    "said in a statement",
    "added",
    "warned",
    "told",
    "wrote",
    "said on Tuesday",
];

const CONTRACTIONS: &[&str] = &[
    "don't", "won't", "can't", "isn't", "didn't", "doesn't", "it's", "we're", "they're", "wasn't",
    "couldn't",
];

/// Newspapers of the corpus (the `outlet` field and the folder of each file).
pub const OUTLETS: &[&str] = &[
    "global-wire",
    "morning-herald",
    "northern-post",
    "harbour-times",
    "capital-ledger",
    "valley-tribune",
    "coastal-gazette",
    "metro-dispatch",
    "river-city-news",
    "summit-observer",
    "prairie-chronicle",
    "island-mercury",
];

/// Syllables of the rare words in the tail of the vocabulary (names of places, firms, jargon and
/// misspellings in real news): they make the number of distinct forms grow with the corpus.
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mer", "tan", "vi", "sor", "pel", "dru", "nes", "ith", "ar", "bo", "cen", "dal",
    "fen", "gor", "hu", "jin", "lar", "mon", "nor", "pra", "quin", "ros", "sel", "tor", "ul",
    "ven", "wil", "zan", "bré", "kø", "mü", "ña",
];
const SUFFIXES: &[&str] = &[
    "", "", "", "s", "ed", "ing", "tion", "ist", "ism", "er", "ly", "ian",
];

/// Ranks past the listed vocabulary: rare words, names and jargon. With the other settings below
/// the corpus has about 1,000 articles per 3.7 MB, 290 lexicon matches per 1,000 tokens and 6.7
/// bytes per token, and 17,000 distinct words in its first 139,000 tokens; the 214 real news
/// articles this was checked against have 255 matches per 1,000 tokens, 6.3 bytes per token and
/// 12,800 distinct words, so this corpus is slightly harder than real news for the scorer.
const TAIL: usize = 50_000;
/// Share of tokens drawn from the tail: the listed words stand for the most common words of news.
const TAIL_SHARE: f64 = 0.3;
/// Zipf exponent of word ranks; about 1 for English (Zipf 1935, "The psycho-biology of language").
const ZIPF_S: f64 = 1.0;

pub struct NewsGenerator {
    seed: u64,
    words: Vec<&'static str>,
    /// Cumulative Zipf weights over ranks: listed words, then the tail.
    cumulative: Vec<f64>,
}

impl NewsGenerator {
    pub fn new(seed: u64) -> NewsGenerator {
        let words: Vec<&'static str> = VOCABULARY.split_whitespace().collect();
        let zipf = |rank: usize| 1.0 / ((rank + 2) as f64).powf(ZIPF_S);
        let listed: f64 = (0..words.len()).map(zipf).sum();
        let tail: f64 = (words.len()..words.len() + TAIL).map(zipf).sum();
        // Scale the tail so that it takes TAIL_SHARE of the tokens.
        let tail_scale = TAIL_SHARE / (1.0 - TAIL_SHARE) * listed / tail;
        let mut cumulative = Vec::with_capacity(words.len() + TAIL);
        let mut total = 0.0;
        for rank in 0..words.len() + TAIL {
            total += if rank < words.len() {
                zipf(rank)
            } else {
                zipf(rank) * tail_scale
            };
            cumulative.push(total);
        }
        NewsGenerator {
            seed,
            words,
            cumulative,
        }
    }

    /// Article `index` of this generator's corpus.
    pub fn article(&self, index: u64) -> NewsArticle {
        let mut rng = Rng::new(self.seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
        let outlet = OUTLETS[(index % OUTLETS.len() as u64) as usize];
        let title = self.headline(&mut rng);
        let mut text = String::with_capacity(4096);
        text.push_str(&title);
        text.push_str("\n\n");
        let paragraphs = rng.range(4, 14);
        for p in 0..paragraphs {
            if p == 0 {
                let city = rng.pick(CITIES);
                let month = rng.pick(MONTHS);
                let outlet_name = outlet
                    .split('-')
                    .map(capitalised)
                    .collect::<Vec<_>>()
                    .join(" ");
                let dash = if rng.chance(0.5) { "—" } else { "-" };
                text.push_str(&format!(
                    "{city}, {month} {} ({outlet_name}) {dash} ",
                    rng.range(1, 28)
                ));
            } else {
                text.push_str("\n\n");
            }
            let sentences = rng.range(1, 4);
            for s in 0..sentences {
                if s > 0 {
                    text.push(' ');
                }
                self.sentence(&mut rng, &mut text);
            }
        }
        text.push('\n');
        NewsArticle {
            id: format!("{outlet}/a{index:06}"),
            outlet,
            title,
            text,
        }
    }

    fn word(&self, rng: &mut Rng) -> String {
        let u = rng.unit() * self.cumulative.last().copied().unwrap_or(1.0);
        let rank = self.cumulative.partition_point(|&c| c < u);
        match self.words.get(rank) {
            Some(w) => (*w).to_string(),
            None => rare_word(rank - self.words.len()),
        }
    }

    fn headline(&self, rng: &mut Rng) -> String {
        let n = rng.range(5, 11);
        let mut words = Vec::with_capacity(n);
        for i in 0..n {
            let w = if i == 1 && rng.chance(0.3) {
                rng.pick(PLACES).to_string()
            } else {
                self.word(rng)
            };
            words.push(if i == 0 { capitalised(&w) } else { w });
        }
        words.join(" ")
    }

    fn name(&self, rng: &mut Rng) -> String {
        let surname = rng.pick(SURNAMES);
        match rng.range(0, 3) {
            0 => format!("{} {surname}", rng.pick(TITLES)),
            _ => format!("{} {surname}", rng.pick(FIRST_NAMES)),
        }
    }

    /// Words of a clause, with the odd comma, name, number, compound or contraction.
    fn clause(&self, rng: &mut Rng, out: &mut String, words: usize, capital: bool) {
        let start = out.len();
        for i in 0..words {
            if i > 0 {
                if rng.chance(0.06) {
                    out.push(',');
                }
                out.push(' ');
            }
            let roll = rng.unit();
            if roll < 0.025 {
                out.push_str(&self.name(rng));
            } else if roll < 0.035 {
                out.push_str(&number(rng));
            } else if roll < 0.05 {
                out.push_str(rng.pick(COMPOUNDS));
            } else if roll < 0.055 {
                out.push_str(rng.pick(CONTRACTIONS));
            } else if roll < 0.06 {
                out.push_str(rng.pick(ORGANISATIONS));
            } else if roll < 0.063 {
                out.push_str(rng.pick(&["the U.S.", "at 9 a.m.", "U.K.", "the E.U."]));
            } else if roll < 0.07 {
                let w = self.word(rng);
                out.push_str(&w);
                out.push_str(if rng.chance(0.5) { "'s" } else { "\u{2019}s" });
            } else {
                out.push_str(&self.word(rng));
            }
        }
        if capital {
            capitalise_at(out, start);
        }
    }

    fn sentence(&self, rng: &mut Rng, out: &mut String) {
        let words = rng.range(8, 34);
        let roll = rng.unit();
        if roll < 0.12 {
            // “Quoted words,” Name said.
            let (open, close) = if rng.chance(0.6) {
                ("\u{201C}", "\u{201D}")
            } else {
                ("\"", "\"")
            };
            out.push_str(open);
            self.clause(rng, out, words, true);
            out.push(',');
            out.push_str(close);
            out.push(' ');
            out.push_str(&self.name(rng));
            out.push(' ');
            out.push_str(rng.pick(SAYS));
            out.push('.');
        } else if roll < 0.22 {
            // Words, said Name, a role at an organisation.
            self.clause(rng, out, words, true);
            out.push_str(", said ");
            out.push_str(&self.name(rng));
            out.push_str(", ");
            out.push_str(rng.pick(ROLES));
            out.push(' ');
            out.push_str(rng.pick(ORGANISATIONS));
            out.push('.');
        } else if roll < 0.27 {
            // Words — an aside — words.
            self.clause(rng, out, words / 2, true);
            out.push_str(" \u{2014} ");
            self.clause(rng, out, words / 2, false);
            out.push('.');
        } else if roll < 0.30 {
            self.clause(rng, out, words, true);
            out.push_str(" (");
            out.push_str(&number(rng));
            out.push_str(") in ");
            out.push_str(rng.pick(PLACES));
            out.push('.');
        } else {
            self.clause(rng, out, words, true);
            out.push(match rng.range(0, 99) {
                0..=2 => '?',
                3 => '!',
                4..=5 => ';',
                _ => '.',
            });
            if out.ends_with(';') {
                out.push(' ');
                self.clause(rng, out, words / 2, false);
                out.push('.');
            }
        }
    }
}

fn capitalised(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn capitalise_at(s: &mut String, at: usize) {
    if let Some(c) = s[at..].chars().next() {
        if c.is_lowercase() {
            let upper: String = c.to_uppercase().collect();
            s.replace_range(at..at + c.len_utf8(), &upper);
        }
    }
}

fn number(rng: &mut Rng) -> String {
    match rng.range(0, 5) {
        0 => format!("{}.{}%", rng.range(0, 12), rng.range(0, 9)),
        1 => format!("{},{:03}", rng.range(1, 99), rng.range(0, 999)),
        2 => format!("${}.{} billion", rng.range(1, 90), rng.range(0, 9)),
        3 => format!("{}", rng.range(1990, 2025)),
        _ => format!("{}", rng.range(2, 500)),
    }
}

/// The rare word of tail rank `rank`: 2 or 3 syllables and a suffix, fixed by the rank.
fn rare_word(rank: usize) -> String {
    let mut r = rank;
    let mut w = String::new();
    let syllables = 2 + r % 2;
    r /= 3;
    for _ in 0..syllables {
        w.push_str(SYLLABLES[r % SYLLABLES.len()]);
        r /= SYLLABLES.len();
    }
    w.push_str(SUFFIXES[(rank / 7) % SUFFIXES.len()]);
    w
}
