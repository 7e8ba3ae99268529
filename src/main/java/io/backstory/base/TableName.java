package io.backstory.base;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a String parameter (or record component) that code splices into SQL as a table name at run time, such as
 * {@link BulkRows#lastId}'s. SQL built that way names its table nowhere in a literal, so ModuleTablesTest reads the
 * literals passed to these parameters instead: a module may pass only its own tables (docs/style.md rule 9). The test
 * also refuses SQL that splices a name after FROM, JOIN, INTO, UPDATE, TABLE or COPY from a parameter not marked so.
 */
@Retention(RetentionPolicy.SOURCE)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface TableName {
}
