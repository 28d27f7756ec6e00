package db.migration;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Gives every existing program the system accounts that spending needs, REDEMPTION, CHARITY and TRANSFER; programs created
 * from now on get them with the others. The ids follow the ledger's naming of accounts as it stood at this version
 * (a migration must not follow later changes of the code).
 */
public class V11_1__Spending_system_accounts extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		try (Statement programs = context.getConnection().createStatement();
				ResultSet program = programs.executeQuery("SELECT id, tenant_id, created_at FROM program");
				PreparedStatement account = context.getConnection()
					.prepareStatement("INSERT INTO ledger_account (id, tenant_id, program_id, member_id, kind, "
							+ "created_at) VALUES (?, ?, ?, NULL, ?, ?)")) {
			while (program.next()) {
				for (String kind : new String[] { "REDEMPTION", "CHARITY", "TRANSFER" }) {
					String name = "fidelis:account:" + program.getObject("id") + ":system:" + kind;
					account.setObject(1, UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
					account.setObject(2, program.getObject("tenant_id"));
					account.setObject(3, program.getObject("id"));
					account.setString(4, kind);
					account.setObject(5, program.getObject("created_at"));
					account.executeUpdate();
				}
			}
		}
	}
}
