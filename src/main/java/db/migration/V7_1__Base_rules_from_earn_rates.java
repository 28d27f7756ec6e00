package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Turns each program's earn rate (the foundation's only way to earn) into its first rule, "Base points": the same
 * rate per 1.00 of a purchase, rounded down. In Java because UUIDs are made differently in PostgreSQL and H2.
 */
public class V7_1__Base_rules_from_earn_rates extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		try (Statement programs = context.getConnection().createStatement();
				ResultSet program = programs
					.executeQuery("SELECT id, tenant_id, earn_rate, created_at FROM program WHERE earn_rate > 0");
				PreparedStatement rule = context.getConnection()
					.prepareStatement("INSERT INTO earning_rule (id, tenant_id, program_id, version, active, "
							+ "definition, created_at, updated_at) VALUES (?, ?, ?, 1, TRUE, ?, ?, ?)");
				PreparedStatement version = context.getConnection()
					.prepareStatement("INSERT INTO earning_rule_version (rule_id, version, tenant_id, active, "
							+ "definition, change_kind, changed_by, changed_at) VALUES (?, 1, ?, TRUE, ?, 'CREATED', "
							+ "'migration', ?)")) {
			while (program.next()) {
				UUID id = UUID.randomUUID();
				String definition = """
						{"name":"Base points","description":"The program's earn rate before rules existed",\
						"trigger":"purchase","effect":{"type":"points_per_amount","points":"%s","per":"1",\
						"rounding":"down"}}""".formatted(program.getBigDecimal("earn_rate").stripTrailingZeros()
					.toPlainString());
				rule.setObject(1, id);
				rule.setObject(2, program.getObject("tenant_id"));
				rule.setObject(3, program.getObject("id"));
				rule.setString(4, definition);
				rule.setObject(5, program.getObject("created_at"));
				rule.setObject(6, program.getObject("created_at"));
				rule.executeUpdate();
				version.setObject(1, id);
				version.setObject(2, program.getObject("tenant_id"));
				version.setString(3, definition);
				version.setObject(4, program.getObject("created_at"));
				version.executeUpdate();
			}
		}
	}
}
