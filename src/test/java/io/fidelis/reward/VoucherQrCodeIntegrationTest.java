package io.fidelis.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/** A voucher's QR code is a PNG that a scanner reads back as the voucher's code. */
@IntegrationTest
class VoucherQrCodeIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Test
	void theQrCodeDecodesToTheVoucherCode() throws Exception {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().post(RewardCatalogIntegrationTest.REWARDS, RewardCatalogIntegrationTest.FIVE_EUROS)
			.status()).isEqualTo(201);
		String member = tenant.memberWith(500);
		String code = tenant.api().post(RedemptionIntegrationTest.redemptions(member), "{\"reward\": \"five-off\"}")
			.text("/vouchers/0/code");

		HttpResponse<byte[]> png = tenant.api().getBytes("/api/v1/vouchers/" + code + "/qr.png");

		assertThat(png.statusCode()).isEqualTo(200);
		assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
		int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
		String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
				new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
		assertThat(decoded).isEqualTo(code);
	}

	@Test
	void anotherTenantGetsNoImage() {
		TestTenant tenant = tenants.create();
		tenant.api().post(RewardCatalogIntegrationTest.REWARDS, RewardCatalogIntegrationTest.FIVE_EUROS);
		String member = tenant.memberWith(500);
		String code = tenant.api().post(RedemptionIntegrationTest.redemptions(member), "{\"reward\": \"five-off\"}")
			.text("/vouchers/0/code");

		assertThat(tenants.create().api().getBytes("/api/v1/vouchers/" + code + "/qr.png").statusCode())
			.isEqualTo(404);
		assertThat(tenants.anonymous().getBytes("/api/v1/vouchers/" + code + "/qr.png").statusCode()).isEqualTo(401);
	}
}
