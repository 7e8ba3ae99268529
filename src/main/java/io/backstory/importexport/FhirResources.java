package io.backstory.importexport;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import io.backstory.followups.FollowUpBulk.RecurrenceRecord;
import io.backstory.measures.MeasureBulk.MeasureRecord;
import io.backstory.patients.PatientBulk.EpisodeRecord;
import io.backstory.patients.PatientBulk.PatientRecord;
import io.backstory.visits.VisitBulk.VisitFactorRecord;
import io.backstory.visits.VisitBulk.VisitRecord;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.jspecify.annotations.Nullable;

/**
 * Maps the owning modules' records to FHIR R4 resources (DESIGN §10). Codes come from LOINC where LOINC has one (NPRS,
 * ODI, STarT Back total and risk) and from Backstory's own code systems otherwise; docs/fhir-export.md lists
 * them. Ids are the database ids, unique per resource type, so references resolve inside one export.
 */
final class FhirResources {

    static final String BASE = "https://backstory.io/fhir";
    static final String FACTOR_SYSTEM = BASE + "/CodeSystem/factor";
    static final String INSTRUMENT_SYSTEM = BASE + "/CodeSystem/instrument";
    static final String CHRONICITY_SYSTEM = BASE + "/CodeSystem/chronicity";
    static final String PATIENT_ID_SYSTEM = BASE + "/sid/patient";
    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String UCUM = "http://unitsofmeasure.org";

    private static volatile FhirContext context;

    private FhirResources() {
    }

    static FhirContext context() {
        FhirContext c = context;
        if (c == null) {
            synchronized (FhirResources.class) {
                c = context;
                if (c == null) {
                    c = FhirContext.forR4();
                    context = c;
                }
            }
        }
        return c;
    }

    static Patient patient(PatientRecord row) {
        Patient p = new Patient();
        p.setId(String.valueOf(row.id()));
        p.addIdentifier().setSystem(PATIENT_ID_SYSTEM).setValue(String.valueOf(row.id()));
        p.addName().setFamily(row.lastName()).addGiven(row.firstName());
        p.setBirthDate(Date.valueOf(row.dateOfBirth()));
        p.getBirthDateElement().setPrecision(TemporalPrecisionEnum.DAY);
        p.setGender(switch (row.sex()) {
            case "F" -> AdministrativeGender.FEMALE;
            case "M" -> AdministrativeGender.MALE;
            default -> AdministrativeGender.OTHER;
        });
        String phone = row.phone();
        if (phone != null && !phone.isBlank()) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
        }
        String email = row.email();
        if (email != null && !email.isBlank()) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
        }
        return p;
    }

    static EpisodeOfCare episodeOfCare(EpisodeRecord row) {
        EpisodeOfCare e = new EpisodeOfCare();
        e.setId(String.valueOf(row.id()));
        LocalDate discharge = row.discharge();
        e.setStatus(discharge == null ? EpisodeOfCare.EpisodeOfCareStatus.ACTIVE : EpisodeOfCare.EpisodeOfCareStatus.FINISHED);
        e.setPatient(new Reference("Patient/" + row.patientId()));
        Period period = new Period().setStartElement(day(row.start()));
        if (discharge != null) {
            period.setEndElement(day(discharge));
        }
        e.setPeriod(period);
        String chronicity = row.chronicity();
        e.addType(new CodeableConcept(new Coding(CHRONICITY_SYSTEM, chronicity, chronicity.toLowerCase(Locale.ROOT)))
                .setText("Low back pain, " + chronicity.toLowerCase(Locale.ROOT)));
        return e;
    }

    static Encounter encounter(VisitRecord row, long patientId) {
        Encounter e = new Encounter();
        e.setId(String.valueOf(row.id()));
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        e.setSubject(new Reference("Patient/" + patientId));
        e.addEpisodeOfCare(new Reference("EpisodeOfCare/" + row.episodeId()));
        DateTimeType day = day(row.date());
        e.setPeriod(new Period().setStartElement(day).setEndElement(day.copy()));
        e.setLength((Duration) new Duration().setValue(row.minutes()).setUnit("min").setSystem(UCUM).setCode("min"));
        return e;
    }

    /** One Procedure per factor addressed at a visit: the visit's plan, in the five-factor vocabulary. */
    static Procedure procedure(VisitFactorRecord row, long patientId) {
        Procedure p = new Procedure();
        String factor = row.factor().name();
        long visit = row.visitId();
        p.setId(visit + "-" + factor.toLowerCase(Locale.ROOT));
        p.setStatus(Procedure.ProcedureStatus.COMPLETED);
        p.setCode(new CodeableConcept(new Coding(FACTOR_SYSTEM, factor, factorLabel(factor))));
        p.setSubject(new Reference("Patient/" + patientId));
        p.setEncounter(new Reference("Encounter/" + visit));
        p.setPerformed(day(row.date()));
        return p;
    }

    /** A stored score; STarT Back also gives its risk group as a second Observation (LOINC 91352-5). */
    static List<Observation> measure(MeasureRecord row, long patientId) {
        String instrument = row.instrument();
        long id = row.id();
        List<Observation> out = new ArrayList<>(2);
        Observation score = observation("measure-" + id, patientId, row.episodeId(), row.visitId(), row.recordedOn());
        score.setCode(instrumentCode(instrument));
        BigDecimal value = row.score();
        score.setValue(new Quantity().setValue(value).setUnit("score").setSystem(UCUM).setCode("{score}"));
        score.addNote(new Annotation().setText("timepoint: " + row.timepoint().toLowerCase(Locale.ROOT)));
        out.add(score);
        String category = row.category();
        if ("STARTBACK".equals(instrument) && category != null) {
            Observation risk = observation("measure-" + id + "-risk", patientId, row.episodeId(), row.visitId(), row.recordedOn());
            risk.setCode(new CodeableConcept(new Coding(LOINC, "91352-5", null)).setText("STarT Back risk group"));
            risk.setValue(new CodeableConcept().setText(category.toLowerCase(Locale.ROOT)));
            risk.addDerivedFrom(new Reference("Observation/measure-" + id));
            out.add(risk);
        }
        return out;
    }

    /** The NPRS logged at a visit that has one. */
    static Observation visitNprs(VisitRecord row, int nprs, long patientId) {
        long visit = row.id();
        Observation o = observation("visit-" + visit + "-nprs", patientId, row.episodeId(), visit, row.date());
        o.setCode(instrumentCode("NPRS"));
        o.setValue(new Quantity().setValue(nprs).setUnit("score").setSystem(UCUM).setCode("{score}"));
        return o;
    }

    /** A recurrence after recovery (Stanton 2011) of the low back pain the episode treated. */
    static Condition condition(RecurrenceRecord row, long patientId) {
        Condition c = new Condition();
        c.setId(String.valueOf(row.id()));
        c.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "recurrence",
                "Recurrence")));
        c.setVerificationStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                "confirmed", "Confirmed")));
        c.setCode(new CodeableConcept(new Coding(SNOMED, "279039007", "Low back pain")).setText("Recurrence of low back pain"));
        c.setSubject(new Reference("Patient/" + patientId));
        c.setOnset(day(row.onset()));
        Integer intensity = row.intensity();
        StringBuilder note = new StringBuilder("Recurrence after episode of care EpisodeOfCare/").append(row.episodeId())
                .append("; reported by ").append("FOLLOW_UP".equals(row.source()) ? "check-in" : "new episode of care");
        if (intensity != null) {
            note.append("; worst pain ").append(intensity.intValue()).append("/10");
        }
        flag(note, "lasted 24 h or more", row.lasted24h());
        flag(note, "limited activity", row.activityLimiting());
        flag(note, "care sought", row.careSought());
        c.addNote(new Annotation().setText(note.toString()));
        return c;
    }

    private static void flag(StringBuilder note, String label, @Nullable Boolean value) {
        if (value != null) {
            note.append("; ").append(label).append(": ").append(value ? "yes" : "no");
        }
    }

    private static Observation observation(String id, long patient, long episode, @Nullable Long visit, LocalDate date) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")));
        o.setSubject(new Reference("Patient/" + patient));
        if (visit != null) {
            o.setEncounter(new Reference("Encounter/" + visit));
        }
        o.setEffective(day(date));
        o.addExtension().setUrl(BASE + "/StructureDefinition/episode-of-care")
                .setValue(new Reference("EpisodeOfCare/" + episode));
        return o;
    }

    /** LOINC for the instruments it codes (NPRS 72514-3, ODI 97909-6, STarT Back total 91351-7), local otherwise. */
    static CodeableConcept instrumentCode(String instrument) {
        return switch (instrument) {
            case "NPRS" -> new CodeableConcept(new Coding(LOINC, "72514-3", null)).setText("Pain severity 0-10 (NPRS)");
            case "ODI" -> new CodeableConcept(new Coding(LOINC, "97909-6", null)).setText("Oswestry Disability Index score");
            case "STARTBACK" -> new CodeableConcept(new Coding(LOINC, "91351-7", null)).setText("STarT Back total score");
            default -> new CodeableConcept(new Coding(INSTRUMENT_SYSTEM, instrument, instrumentLabel(instrument)))
                    .setText(instrumentLabel(instrument));
        };
    }

    private static String instrumentLabel(String instrument) {
        return switch (instrument) {
            case "RMDQ" -> "Roland-Morris Disability Questionnaire";
            case "PSFS" -> "Patient-Specific Functional Scale";
            case "FABQ" -> "Fear-Avoidance Beliefs Questionnaire, physical activity";
            case "TSK11" -> "Tampa Scale of Kinesiophobia (TSK-11)";
            case "PSEQ" -> "Pain Self-Efficacy Questionnaire";
            default -> instrument;
        };
    }

    static String factorLabel(String factor) {
        return switch (factor) {
            case "MOVEMENT" -> "Movement patterns and variability";
            case "MOBILITY" -> "Mobility and stability through the body";
            case "STRENGTH" -> "Strength and load tolerance";
            case "RECOVERY" -> "Recovery capacity and conditioning";
            case "BELIEFS" -> "Stress, fear and beliefs about pain";
            default -> factor;
        };
    }

    /** As JDBC read a date column: midnight in the JVM's zone, at day precision. */
    private static DateTimeType day(LocalDate date) {
        return new DateTimeType(Date.valueOf(date), TemporalPrecisionEnum.DAY);
    }
}
