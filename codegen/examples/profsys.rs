use mlzone_codegen::plan::Plan;
use mlzone_model::synthetic::{Settings, document};
use mlzone_model::validate::validate;
use mlzone_model::{Format, Limits, Source, load_source};

fn main() {
    let mut args = std::env::args().skip(1);
    let stage = args.next().unwrap();
    let projects: usize = args.next().unwrap().parse().unwrap();
    let reps: usize = args.next().map_or(1, |n| n.parse().unwrap());
    let doc = document(Settings {
        projects,
        ..Settings::default()
    });
    let yaml = doc.to_text(Format::Yaml).unwrap();
    let limits = Limits {
        max_bytes: 256 * 1024 * 1024,
        ..Limits::default()
    };
    let loaded = load_source(Source::new("s.yaml", yaml.clone()), Format::Yaml, &limits).unwrap();
    let validated = validate(loaded.estate.clone()).unwrap();
    for _ in 0..reps {
        match stage.as_str() {
            "load" => {
                std::hint::black_box(
                    load_source(Source::new("s.yaml", yaml.clone()), Format::Yaml, &limits)
                        .unwrap(),
                );
            }
            "validate" => {
                std::hint::black_box(validate(loaded.estate.clone()).unwrap());
            }
            "plan" => {
                std::hint::black_box(Plan::build(&validated).unwrap());
            }
            _ => panic!(),
        }
    }
}
