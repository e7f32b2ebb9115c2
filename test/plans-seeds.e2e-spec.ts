import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, insertSeedDirectory, insertUnit } from './support/conference-fixtures';

type Expected = [kind: string, resolvesAt: string | null][];
interface SeedTask {
  task: {
    number: string;
    content: string;
    leadText?: string;
    coordinatingText?: string;
    deliverable?: string;
    due?: string;
  };
  dues: Expected;
}

/** Seed 002 (Quảng Ngãi, /KH-VP, for 2023): every task as the plan writes it, and what each due must resolve to. */
const SEED_002: SeedTask[] = [
  { task: { number: '1', content: 'Về cải cách thể chế' }, dues: [] },
  {
    task: {
      number: '1.a',
      content:
        'Phối hợp với các cơ quan chuyên môn tham mưu UBND tỉnh trình Ban cán sự đảng UBND tỉnh triển khai thực hiện các nhiệm vụ theo chỉ đạo và chương trình công tác hàng năm, quý, tháng của Tỉnh ủy, Ban Thường vụ Tỉnh ủy, Thường trực Tỉnh ủy; chủ trì, phối hợp với các cơ quan, đơn vị, địa phương tham mưu UBND tỉnh, Chủ tịch UBND tỉnh ban hành kịp thời, đúng quy định các văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành nhiệm vụ phát triển kinh tế - xã hội của tỉnh; tham mưu UBND tỉnh chỉ đạo các cơ quan, đơn vị, địa phương tham mưu UBND tỉnh trình HĐND tỉnh ban hành Nghị quyết đảm bảo chất lượng và tiến độ.',
      leadText: 'Các phòng nghiên cứu, Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'các phòng, ban, đơn vị còn lại',
      deliverable: 'Các văn bản QPPL và các văn bản chỉ đạo, điều hành của UBND tỉnh, Chủ tịch UBND tỉnh',
      due: 'Thường xuyên trong năm.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '1.b',
      content: 'Xây dựng, tham mưu sửa đổi, bổ sung Quy chế làm việc của UBND tỉnh Quảng Ngãi nhiệm kỳ 2021 - 2026',
      leadText: 'Phòng Nội chính',
      coordinatingText: 'Các phòng, ban, đơn vị',
      deliverable:
        'Quyết định sửa đổi, bổ sung Quyết định số 39/2021/QĐ-UBND ngày 20/8/2021 của UBND tỉnh ban hành Quy chế làm việc của UBND tỉnh Quảng Ngãi, nhiệm kỳ 2021 - 2026',
      due: 'Quý III/2023.',
    },
    dues: [['quarter', '2023-10-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '1.c',
      content: 'Triển khai thực hiện nhiệm vụ hệ thống hóa văn bản quy phạm pháp luật kỳ 2019 - 2023 (kỳ thứ 3)',
      leadText: 'Phòng Hành chính - Quản trị',
      coordinatingText: 'các phòng, ban, đơn vị liên quan',
      deliverable: 'Các văn bản chỉ đạo, báo cáo kết quả thực hiện',
      due: 'Trong năm 2023.',
    },
    dues: [['year', '2024-01-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '1.d',
      content:
        'Ban hành các Kế hoạch: Theo dõi tình hình thi hành pháp luật; rà soát, hệ thống hóa văn bản QPPL năm 2023.',
      leadText: 'Phòng Hành chính - Quản trị',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Kế hoạch theo dõi tình hình thi hành pháp luật và Kế hoạch rà soát, hệ thống hóa văn bản QPPL',
      due: 'Quý I/2023.',
    },
    dues: [['quarter', '2023-04-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '1.đ',
      content:
        'Thường xuyên rà soát văn bản QPPL do Văn phòng tham mưu UBND tỉnh ban hành và báo cáo kết quả thực hiện.',
      leadText: 'Phòng Hành chính - Quản trị',
      coordinatingText: 'Các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Báo cáo kết quả rà soát, hệ thống hóa văn bản QPPL',
      due: 'Thường xuyên trong năm.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  { task: { number: '2', content: 'Cải cách thủ tục hành chính' }, dues: [] },
  {
    task: {
      number: '2.a',
      content:
        'Xây dựng, tham mưu ban hành và tổ chức thực hiện các văn bản về kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông.',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'Các phòng, ban, đơn vị trực thuộc',
      due: 'Quý I tham mưu ban hành các kế hoạch; định kỳ báo cáo kết quả thực hiện; hoàn thành việc tham mưu kiểm tra trước ngày 30/11/2023 và báo cáo kết quả thực hiện, tham mưu chỉ đạo xử lý, khắc phục tồn tại, hạn chế, sai sót.',
    },
    dues: [
      ['quarter', '2023-04-01T00:00:00+07:00'],
      ['recurring', null],
      ['before_date', '2023-11-30T00:00:00+07:00'],
    ],
  },
  {
    task: {
      number: '2.b',
      content:
        'Triển khai thực hiện thống kê, công bố, công khai TTHC nội bộ; tổ chức rà soát, trình phê duyệt và thực thi phương án đơn giản hóa TTHC nội bộ theo quy định tại Quyết định số 1085/QĐ-TTg ngày 15/9/2022 của Thủ tướng Chính phủ về ban hành Kế hoạch rà soát, đơn giản hóa TTHC nội bộ trong hệ thống hành chính nhà nước giai đoạn 2022 - 2025 và Quyết định số 1648/QĐ-UBND ngày 30/11/2022 của Chủ tịch UBND tỉnh.',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính, Phòng Hành chính - Quản trị',
      coordinatingText: 'Các phòng, ban, đơn vị trực thuộc',
      deliverable:
        'TTHC nội bộ được thống kê, công bố, công khai và trình phê duyệt phương án đơn giản hóa TTHC nội bộ',
      due: 'Thường xuyên trong năm, theo Kế hoạch rà soát, đơn giản hóa TTHC nội bộ trong hệ thống cơ quan hành chính nhà nước giai đoạn 2022 - 2025 trên địa bàn tỉnh ban hành kèm theo Quyết định số 1648/QĐ-UBND ngày 30/11/2022 của Chủ tịch UBND tỉnh.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '2.d',
      content:
        'Thực hiện các giải pháp nâng cao chất lượng phục vụ, mức độ hài lòng của người dân, doanh nghiệp và công khai kết quả đánh giá chất lượng phục vụ',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable:
        'Kết quả đánh giá chất lượng thực hiện của cơ quan, tổ chức, cá nhân trong thực hiện TTHC, dịch vụ công tại Trung tâm phục vụ - Kiểm soát TTHC tỉnh',
      due: 'Định kỳ hàng tháng trong năm.',
    },
    dues: [['recurring', null]],
  },
  {
    task: {
      number: '2.đ',
      content:
        'Phối hợp với các sở, ban ngành trình Chủ tịch UBND tỉnh công bố các danh mục TTHC và phê duyệt quy trình nội bộ, quy trình điện tử giải quyết TTHC thuộc thẩm quyền tiếp nhận và giải quyết của cấp tỉnh, cấp huyện, cấp xã và cơ quan Trung ương được tổ chức theo ngành dọc trên địa bàn tỉnh được đưa vào tiếp nhận hồ sơ, trả kết quả giải quyết tại Bộ phận Một cửa các cấp.',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'Các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Quyết định của Chủ tịch UBND tỉnh',
      due: 'Thường xuyên trong năm.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '2.e',
      content:
        'Đăng nhập, cập nhật nội dung các TTHC mới ban hành, sửa đổi, bổ sung, thay thế hoặc bãi bỏ vào Cơ sở dữ liệu Quốc gia về TTHC; đăng tải công khai danh mục TTHC mới ban hành, sửa đổi, bổ sung, thay thế hoặc bãi bỏ trên Cổng Thông tin điện tử tỉnh.',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính; Trung tâm Công báo và Tin học',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Các TTHC phát sinh, thay đổi được cập nhật kịp thời, đầy đủ vào Cơ sở dữ liệu Quốc gia về TTHC',
      due: 'Thường xuyên trong năm.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '2.g',
      content:
        'Tiếp tục triển khai thực hiện có hiệu quả Đề án đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC theo Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ.',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'Các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Kết quả theo Kế hoạch số 140/KH-UBND ngày 14/10/2021 của UBND tỉnh',
      due: 'Theo Kế hoạch số 140/KH-UBND ngày 14/10/2021 của UBND tỉnh đối với những nhiệm vụ giao thực hiện trong năm 2023.',
    },
    dues: [['year', '2024-01-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '2.i',
      content:
        'Nâng cao hiệu quả hoạt động của Trung tâm Phục vụ - Kiểm soát TTHC tỉnh và Bộ phận Một cửa ở các địa phương, bảo đảm công khai, minh bạch, đơn giản hóa các thủ tục, nâng cao mức độ hài lòng của tổ chức, cá nhân.',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'Các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Các văn bản chỉ đạo triển khai của UBND tỉnh, văn phòng UBND tỉnh; báo cáo kết quả thực hiện',
      due: 'Thường xuyên trong năm; định kỳ báo cáo kết quả thực hiện.',
    },
    dues: [
      ['ongoing', '2024-01-01T00:00:00+07:00'],
      ['recurring', null],
    ],
  },
  {
    task: {
      number: '2.k',
      content:
        'Triển khai, tổ chức đánh giá việc giải quyết TTHC theo cơ chế một cửa, một cửa liên thông theo quy định hiện hành tại Trung tâm Phục vụ - kiểm soát TTHC tỉnh.',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'Các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Văn bản triển khai; báo cáo kết quả thực hiện',
      due: 'Thường xuyên trong năm.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '2.l',
      content:
        'Triển khai thực hiện số hóa hồ sơ và kết quả giải quyết TTHC được tiếp nhận, xử lý thông qua cơ chế một cửa, một cửa liên thông theo đúng quy định của Chính phủ tại Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 và Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ.',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'Các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Văn bản triển khai; báo cáo kết quả thực hiện',
      due: 'Theo quy định của Chính phủ và hướng dẫn của Sở Thông tin và Truyền thông.',
    },
    dues: [['per_reference', null]],
  },
  {
    task: {
      number: '2.m',
      content:
        'Tham mưu đẩy mạnh thực hiện dịch vụ công trực tuyến, thanh toán trực tuyến tại Trung tâm Phục vụ - Kiểm soát TTHC tỉnh',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable:
        'Văn bản chỉ đạo, triển khai thực hiện; tỷ lệ hồ sơ trực tuyến phát sinh, tỷ lệ giao dịch thanh toán trực tuyến phát sinh trên Cổng dịch vụ công quốc gia',
      due: 'Thường xuyên trong năm.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '2.n',
      content:
        'Niêm yết đầy đủ, rõ ràng bảng thông báo hướng dẫn tiếp nhận phản ánh, kiến nghị về quy định hành chính tại Cổng thông tin điện tử tỉnh, trụ sở cơ quan, tại Bộ phận Một cửa.',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính, Trung tâm Công báo và Tin học',
      coordinatingText: 'Phòng Hành chính - Quản trị',
      deliverable:
        'Thông báo hướng dẫn tiếp nhận phản ánh, kiến nghị về quy định hành chính được niêm yết tại trụ sở cơ quan, tại Bộ phận một cửa',
      due: 'Thường xuyên trong năm.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '2.o',
      content:
        'Tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp về cơ chế, chính sách, TTHC trên Cổng Dịch vụ công quốc gia và các hình thức khác, tạo điều kiện tháo gỡ khó khăn, vướng mắc cho người dân, doanh nghiệp; tránh để trường hợp phản ánh, kiến nghị kéo dài, vượt cấp.',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'Các phòng, ban, đơn vị trực thuộc',
      deliverable:
        'Tất cả các phản ánh, kiến nghị của cá nhân, tổ chức về TTHC được tiếp nhận, xử lý theo đúng quy định; công khai kết quả xử lý phản ánh, kiến nghị về quy định hành chính theo đúng quy định của Nhà nước',
      due: 'Thường xuyên trong năm.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '2.p',
      content:
        'Thực hiện kiểm tra, giám sát gắn với nâng cao trách nhiệm của chính quyền địa phương và người đứng đầu trong triển khai thực hiện cải cách TTHC ở địa phương, đơn vị.',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'Các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Kế hoạch; báo cáo kết quả kiểm tra; kiến nghị xử lý',
      due: 'Quý I năm 2023 ban hành kế hoạch kiểm tra; tổ chức kiểm tra theo kế hoạch, kiểm tra đột xuất trong năm 2023.',
    },
    dues: [
      ['quarter', '2023-04-01T00:00:00+07:00'],
      ['year', '2024-01-01T00:00:00+07:00'],
    ],
  },
  { task: { number: '3', content: 'Về cải cách tổ chức bộ máy' }, dues: [] },
  {
    task: {
      number: '3.a',
      content: 'Xây dựng và ban hành Quy định chức năng, nhiệm vụ, quyền hạn của các phòng, ban, đơn vị trực thuộc.',
      leadText: 'Phòng Hành chính - Quản trị',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Quyết định của Chánh Văn phòng',
      due: 'Quý I/2023.',
    },
    dues: [['quarter', '2023-04-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '3.b',
      content: 'Xây dựng và ban hành Quy chế làm việc của Văn phòng.',
      leadText: 'Phòng Hành chính - Quản trị',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Quyết định của Chánh Văn phòng',
      due: 'Quý I/2023.',
    },
    dues: [['quarter', '2023-04-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '3.c',
      content: 'Xây dựng và ban hành Quy định chức năng, nhiệm vụ, quyền hạn của Trung tâm Công báo và Tin học',
      leadText: 'Trung tâm Công báo và Tin học',
      coordinatingText: 'Phòng Hành chính - Quản trị',
      deliverable: 'Quyết định của Chánh Văn phòng',
      due: 'Quý I/2023.',
    },
    dues: [['quarter', '2023-04-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '3.d',
      content: 'Thực hiện tinh giản biên chế theo quy định của Chính phủ',
      leadText: 'Phòng Hành chính - Quản trị',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Quyết định phê duyệt của UBND tỉnh',
      due: 'Thường xuyên trong năm.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  { task: { number: '4', content: 'Cải cách chế độ công vụ' }, dues: [] },
  {
    task: {
      number: '4.a',
      content: 'Xây dựng, ban hành và thực hiện Kế hoạch đào tạo, bồi dưỡng công chức, viên chức năm 2023',
      leadText: 'Phòng Hành chính - Quản trị',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Kế hoạch đào tạo, bồi dưỡng công chức, viên chức',
      due: 'Ban hành kế hoạch trong Quý I, tổ chức thực hiện trong năm 2023.',
    },
    dues: [
      ['quarter', '2023-04-01T00:00:00+07:00'],
      ['year', '2024-01-01T00:00:00+07:00'],
    ],
  },
  {
    task: {
      number: '4.b',
      content: 'Xây dựng, ban hành và thực hiện Kế hoạch chuyển đổi vị trí công tác năm 2023.',
      leadText: 'Phòng Hành chính - Quản trị',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Kế hoạch chuyển đổi vị trí công tác của Văn phòng',
      due: 'Ban hành kế hoạch trong Quý I, tổ chức thực hiện trong năm 2023.',
    },
    dues: [
      ['quarter', '2023-04-01T00:00:00+07:00'],
      ['year', '2024-01-01T00:00:00+07:00'],
    ],
  },
  {
    task: {
      number: '4.c',
      content:
        'Tăng cường kỷ luật, kỷ cương hành chính trong trong đội ngũ cán bộ, công chức, viên chức theo Chỉ thị số 31-CT/TU ngày 13/6/2014 của Ban Thường vụ Tỉnh ủy về chủ trương không dùng bia, rượu trong buổi trưa của các ngày làm việc, Chỉ thị số 17/CT-UBND ngày 10/11/2016 của Chủ tịch UBND tỉnh về tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính nhà nước tỉnh Quảng Ngãi và Quyết định số 48/2021/QĐ-UBND ngày 22/9/2021 của UBND tỉnh.',
      leadText: 'Tổ kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính của Văn phòng',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Kế hoạch kiểm tra; báo cáo kết quả thực hiện',
      due: 'Thường xuyên trong năm.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  { task: { number: '5', content: 'Cải cách tài chính công' }, dues: [] },
  {
    task: {
      number: '5.a',
      content:
        'Tăng cường thực hiện quản lý, sử dụng kinh phí đúng quy định, tăng cường thực hành tiết kiệm, chống lãng phí, tạo nguồn kinh phí tiết kiệm, chi thu nhập tăng thêm cho cán bộ, công chức và người lao động. Tiếp tục củng cố, tăng cường cơ sở vật chất, trang thiết bị làm việc phục vụ hoạt động của UBND tỉnh, Văn phòng, tiếp tục đổi mới công tác lễ tân khánh tiết và hậu cần phục vụ hoạt động của UBND tỉnh.',
      leadText: 'Phòng Hành chính - Quản trị',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Kế hoạch phòng, chống tham nhũng, thực hành tiết kiệm, chống lãng phí tại Văn phòng',
      due: 'Ban hành kế hoạch trong Quý I. Thực hiện kiểm soát nhiệm vụ chi dự toán trong năm 2023.',
    },
    dues: [
      ['quarter', '2023-04-01T00:00:00+07:00'],
      ['year', '2024-01-01T00:00:00+07:00'],
    ],
  },
  {
    task: {
      number: '5.b',
      content: 'Rà soát sửa đổi, bổ sung hoặc thay thế Quy chế chi tiêu nội bộ của Văn phòng UBND tỉnh.',
      leadText: 'Phòng Hành chính - Quản trị',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable:
        'Quyết định sửa đổi, bổ sung hoặc thay thế Quyết định số 45/QĐ-VP ngày 19/6/2020 của Chánh Văn phòng UBND tỉnh',
      due: 'Quý I/2023.',
    },
    dues: [['quarter', '2023-04-01T00:00:00+07:00']],
  },
  { task: { number: '6', content: 'Xây dựng và phát triển chính quyền điện tử hướng đến chính quyền số' }, dues: [] },
  {
    task: {
      number: '6.a',
      content:
        'Tiếp tục tổ chức triển khai Kế hoạch phát triển Chính quyền điện tử hướng tới Chính quyền số tỉnh Quảng Ngãi đến năm 2025, định hướng đến năm 2030.',
      leadText: 'Trung tâm Công báo và Tin học; Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Kết quả theo Kế hoạch số 169/KH-UBND ngày 09/12/2021 của Chủ tịch UBND tỉnh',
      due: 'Thường xuyên trong năm 2023.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '6.b',
      content:
        'Tập trung triển khai kế hoạch ứng dụng công nghệ thông tin, chuyển đổi số, đảm bảo an toàn, an ninh thông tin tại Văn phòng; triển khai thử nghiệm nền tảng trợ lý ảo (AI) tại Trung tâm Phục vụ - Kiểm soát TTHC tỉnh; theo dõi trực liên thông quốc gia và trực liên thông nội tỉnh đảm bảo việc gửi, nhận văn bản điện tử có ký số thông suốt và ổn định; theo dõi, giám sát các hệ thống phần mềm như: Hệ thống thông tin báo cáo của tỉnh kết nối với hệ thống thông tin báo cáo',
      deliverable: 'Kế hoạch công tác đối với từng nội dung công việc',
      due: 'Thực hiện thường xuyên trong năm 2023.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '6.c',
      content: 'Ban hành Kế hoạch chuyển đổi số của Văn phòng UBND tỉnh năm 2024.',
      deliverable: 'Kế hoạch của Văn phòng',
      due: 'Sau khi UBND tỉnh ban hành Kế hoạch chuyển đổi số tỉnh Quảng Ngãi năm 2024.',
    },
    dues: [['after_event', null]],
  },
  {
    task: {
      number: '6.d',
      content:
        'Tiếp tục triển khai thực hiện tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích tại Trung tâm Phục vụ - Kiểm soát thủ tục hành chính.',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'Các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Hồ sơ thủ tục hành chính được tiếp nhận và trả kết quả qua dịch vụ bưu chính công ích',
      due: 'Thường xuyên trong năm.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '6.đ',
      content:
        'Tiếp tục đôn đốc, đẩy mạnh việc sử dụng, vận hành Hệ thống thông tin Báo cáo của tỉnh (baocao.quangngai.gov.vn)',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      coordinatingText: 'Các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Các văn bản chỉ đạo, đôn đốc của Chủ tịch UBND tỉnh, Văn phòng UBND tỉnh',
      due: 'Thường xuyên trong năm.',
    },
    dues: [['ongoing', '2024-01-01T00:00:00+07:00']],
  },
  { task: { number: '7', content: 'Công tác chỉ đạo, điều hành cải cách hành chính' }, dues: [] },
  {
    task: {
      number: '7.a',
      content: 'Ban hành Chương trình công tác năm 2023 của Văn phòng.',
      leadText: 'Phòng Hành chính - Quản trị',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Quyết định ban hành Chương trình công tác năm 2023 của Văn phòng',
      due: 'Tháng 01/2023.',
    },
    dues: [['month', '2023-02-01T00:00:00+07:00']],
  },
  {
    task: {
      number: '7.b',
      content: 'Ban Kế hoạch cải cách hành chính năm 2024 của Văn phòng.',
      leadText: 'Phòng Hành chính - Quản trị',
      coordinatingText: 'các phòng, ban, đơn vị trực thuộc',
      deliverable: 'Kế hoạch cải cách hành chính năm 2024 của Văn phòng',
      due: 'Tháng 12/2023.',
    },
    dues: [['month', '2024-01-01T00:00:00+07:00']],
  },
];

/** Seed 004 (5484/KH-UBND, 16/08/2023): the timeline table, lead and coordinating units from the directory. */
const SEED_004: {
  number: string;
  content: string;
  due?: string;
  lead: string[];
  coordinating: string[];
  leadText?: string;
  coordinatingText?: string;
  expected: Expected;
}[] = [
  {
    number: '1',
    content:
      'Hướng dẫn triển khai Kế hoạch xác định Chỉ số cải cách hành chính các cơ quan, đơn vị, địa phương năm 2023.',
    due: 'Trước ngày 01/9/2023',
    lead: ['QNA.S.SNV'],
    coordinating: [],
    coordinatingText: 'Các cơ quan, đơn vị, địa phương',
    expected: [['before_date', '2023-09-01T00:00:00+07:00']],
  },
  {
    number: '2',
    content: 'Thành lập Hội đồng thẩm định kết quả tự đánh giá, chấm điểm chỉ số cải cách hành chính năm 2023',
    due: 'Tháng 9 năm 2023',
    lead: ['QNA.S.SNV'],
    coordinating: [],
    expected: [['month', '2023-10-01T00:00:00+07:00']],
  },
  {
    number: '3',
    content: 'Tự đánh giá và chấm điểm Chỉ số cải cách hành chính.',
    due: 'Trước ngày 15/10/2023',
    lead: [],
    leadText: 'Các cơ quan, đơn vị, địa phương',
    coordinating: ['QNA.S.SNV'],
    expected: [['before_date', '2023-10-15T00:00:00+07:00']],
  },
  { number: '4', content: 'Điều tra xã hội học.', lead: [], coordinating: [], expected: [] },
  {
    number: '4.1',
    content:
      'Xây dựng nội dung phiếu điều tra XHH và triển khai thực hiện điều tra đánh giá công tác cải cách hành chính.',
    due: 'Trước ngày 15/10/2023',
    lead: ['QNA.S.SNV'],
    coordinating: ['QNA.BUUDIEN'],
    expected: [['before_date', '2023-10-15T00:00:00+07:00']],
  },
  {
    number: '4.2',
    content: 'Giám sát quá trình lấy phiếu điều tra',
    due: 'Ngày 30/10/2023',
    lead: ['QNA.S.SNV'],
    coordinating: [],
    coordinatingText: 'Các cơ quan, đơn vị, địa phương',
    expected: [['on_date', '2023-10-31T00:00:00+07:00']],
  },
  {
    number: '4.3',
    content: 'Tổng hợp, xử lý, phân tích số liệu điều tra.',
    due: 'Tháng 10 năm 2023',
    lead: ['QNA.S.SNV'],
    coordinating: [],
    expected: [['month', '2023-11-01T00:00:00+07:00']],
  },
  {
    number: '5',
    content: 'Thẩm định kết quả Chỉ số cải cách hành chính.',
    due: 'Tháng 10 năm 2023',
    lead: ['QNA.HDTD'],
    coordinating: [],
    coordinatingText: 'Các cơ quan, đơn vị, địa phương',
    expected: [['month', '2023-11-01T00:00:00+07:00']],
  },
  {
    number: '6',
    content: 'Tổng hợp, xây dựng Báo cáo xác định Chỉ số cải cách hành chính.',
    due: 'Tháng 10, 11 năm 2023',
    lead: ['QNA.S.SNV'],
    coordinating: [],
    expected: [['months', '2023-12-01T00:00:00+07:00']],
  },
  {
    number: '7',
    content: 'Tham mưu Ủy ban nhân dân tỉnh phê duyệt kết quả Chỉ số cải cách hành chính năm 2023.',
    due: 'Ngày 15/11/2023',
    lead: ['QNA.S.SNV'],
    coordinating: ['QNA.VP'],
    expected: [['on_date', '2023-11-16T00:00:00+07:00']],
  },
];

const dueSummary = (task: { dues: { kind: string; resolvesAt: string | null }[] }) =>
  task.dues.map((d) => [d.kind, d.resolvesAt]);

describe('Task plans: seeds 002, 003 and 004 through the API', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let units: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2023-08-20T02:00:00Z');
    organizer = await apiUser(t, 'organizer');
    units = await insertSeedDirectory(t);
    units['QNA.HDTD'] = await insertUnit(t, {
      name: 'Hội đồng thẩm định Chỉ số CCHC tỉnh Quảng Nam',
      kind: 'working_group',
      parentId: units.QNA,
      externalCode: 'QNA.HDTD',
    });
    units['QNA.BUUDIEN'] = await insertUnit(t, {
      name: 'Bưu điện tỉnh Quảng Nam',
      kind: 'public_service',
      externalCode: 'QNA.BUUDIEN',
    });
    units.QNG_VP = await insertUnit(t, { name: 'Văn phòng UBND tỉnh Quảng Ngãi', kind: 'committee_office' });
  });
  afterAll(() => t.close());

  const post = (url: string, body: object) => t.http().post(url).set(auth(organizer.token)).send(body);
  const tasksOf = async (planId: string) =>
    (await t.http().get(`/plans/${planId}/tasks?limit=500`).set(auth(organizer.token))).body;

  it('enters seed 002 with its 41 tasks in one request and reads every due as the plan means it', async () => {
    // Sent in reverse: parents are still created before their sub-tasks.
    const res = await post('/plans', {
      reference: '/KH-VP',
      title: 'Cải cách hành chính năm 2023',
      year: 2023,
      issuingUnitId: units.QNG_VP,
      tasks: SEED_002.map((s) => s.task).reverse(),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ reference: '/KH-VP', year: 2023, taskCount: 41, timeZone: 'Asia/Ho_Chi_Minh' });
    const list = await tasksOf(res.body.id);
    expect(list.total).toBe(41);
    expect(list.items.map((x: { number: string }) => x.number)).toEqual(SEED_002.map((s) => s.task.number));
    for (const [i, seed] of SEED_002.entries()) {
      expect({ number: list.items[i].number, dues: dueSummary(list.items[i]) }).toEqual({
        number: seed.task.number,
        dues: seed.dues,
      });
    }
    const twoA = list.items.find((x: { number: string }) => x.number === '2.a');
    expect(twoA).toMatchObject({
      parentNumber: '2',
      leadText: 'Trung tâm Phục vụ - Kiểm soát thủ tục hành chính',
      status: 'overdue',
    });
    // Seen from 20/08/2023: 2.a's Quý I part passed unmet; 7.b (Tháng 12/2023) is still ahead.
    expect(list.items.find((x: { number: string }) => x.number === '7.b').status).toBe('not_started');
    // "Quý I tham mưu …; định kỳ báo cáo …; … trước ngày 30/11/2023 …": three dues, each with its clause.
    expect(twoA.dues.map((d: { text: string }) => d.text)).toEqual([
      expect.stringContaining('Quý I'),
      expect.stringContaining('định kỳ'),
      expect.stringContaining('30/11/2023'),
    ]);
    expect(twoA.dues[0].deadline.vi).toBe('hết ngày 31/03/2023');
  });

  it('enters seed 004 task by task, with units from the directory and sub-tasks 4.1–4.3', async () => {
    const plan = await post('/plans', {
      reference: '5484/KH-UBND',
      title: 'Triển khai xác định Chỉ số cải cách hành chính năm 2023',
      year: 2023,
      issuingUnitId: units.QNA,
      issuedOn: '2023-08-16',
    });
    expect(plan.status).toBe(201);
    for (const s of SEED_004) {
      const res = await post(`/plans/${plan.body.id}/tasks`, {
        number: s.number,
        content: s.content,
        ...(s.due ? { due: s.due } : {}),
        leadUnitIds: s.lead.map((c) => units[c]),
        coordinatingUnitIds: s.coordinating.map((c) => units[c]),
        ...(s.leadText ? { leadText: s.leadText } : {}),
        ...(s.coordinatingText ? { coordinatingText: s.coordinatingText } : {}),
      });
      expect(res.status).toBe(201);
      expect(dueSummary(res.body)).toEqual(s.expected);
    }
    const list = await tasksOf(plan.body.id);
    expect(list.items.map((x: { number: string }) => x.number)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '4.1',
      '4.2',
      '4.3',
      '5',
      '6',
      '7',
    ]);
    const t41 = list.items[4];
    expect(t41).toMatchObject({
      parentNumber: '4',
      leadUnits: [{ id: units['QNA.S.SNV'] }],
      coordinatingUnits: [{ id: units['QNA.BUUDIEN'], name: 'Bưu điện tỉnh Quảng Nam' }],
    });
    expect(list.items[5].dues[0].deadline.vi).toBe('hết ngày 30/10/2023');
    expect(list.items[0].dues[0].deadline.vi).toBe('hết ngày 31/08/2023');
    const subs = await t.http().get(`/plans/${plan.body.id}/tasks?parent=4`).set(auth(organizer.token));
    expect(subs.body.items.map((x: { number: string }) => x.number)).toEqual(['4.1', '4.2', '4.3']);
  });

  it('enters the reporting duties of seed 003: before 30 June for the half-year report and before 10 December for the annual one, every year', async () => {
    const plan = await post('/plans', {
      reference: '/KH-UBND',
      title: 'Tuyên truyền cải cách hành chính tỉnh Quảng Nam năm 2024',
      year: 2024,
      issuingUnitId: units.QNA,
    });
    const reports = await post(`/plans/${plan.body.id}/tasks`, {
      number: '1',
      content: 'Định kỳ tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh (qua Sở Thông tin và Truyền thông)',
      leadText: 'Các cơ quan, đơn vị, địa phương',
      coordinatingUnitIds: [units['QNA.S.STTTT']],
      due: 'trước ngày 30 tháng 6 đối với báo cáo 6 tháng và trước ngày 10 tháng 12 đối với báo cáo năm',
    });
    expect(reports.status).toBe(201);
    expect(reports.body.dues).toMatchObject([
      {
        kind: 'recurring',
        resolvesAt: null,
        spec: { rule: { frequency: 'yearly', month: 6, day: 30, before: true, label: 'báo cáo 6 tháng' } },
      },
      {
        kind: 'recurring',
        resolvesAt: null,
        spec: { rule: { frequency: 'yearly', month: 12, day: 10, before: true, label: 'báo cáo năm' } },
      },
    ]);
    const summary = await post(`/plans/${plan.body.id}/tasks`, {
      number: '2',
      content: 'Theo dõi, đôn đốc; định kỳ 06 tháng, năm tổng hợp kết quả thực hiện, báo cáo UBND tỉnh.',
      leadUnitIds: [units['QNA.S.STTTT']],
      due: 'Định kỳ 6 tháng, hàng năm',
    });
    expect(summary.body.dues.map((d: { spec: { rule: { frequency: string } } }) => d.spec.rule.frequency)).toEqual([
      'half_yearly',
      'yearly',
    ]);
    // Each occurrence is a deadline of its own: the next ones, seen from 20/08/2023.
    const deadlines = await t.http().get(`/deadlines?planId=${plan.body.id}&limit=10`).set(auth(organizer.token));
    const next = deadlines.body.items
      .filter((d: { task: { number: string } }) => d.task.number === '1')
      .map((d: { status: string; nextOccurrence: string }) => [d.status, d.nextOccurrence]);
    expect(next).toEqual(
      expect.arrayContaining([
        ['recurring', '2023-12-10T00:00:00+07:00'],
        ['recurring', '2024-06-30T00:00:00+07:00'],
      ]),
    );
  });

  it('files progress reports: a due reported met stops counting, and an unmet past due makes the task overdue', async () => {
    const plan = await post('/plans', {
      title: 'Kế hoạch thử',
      year: 2023,
      tasks: [{ number: '1', content: 'Báo cáo', due: 'Ngày 30/10/2023; Ngày 15/11/2023' }],
    });
    const [task] = (await tasksOf(plan.body.id)).items;
    const report = await post(`/plans/${plan.body.id}/tasks/${task.id}/progress`, {
      text: 'Đã gửi báo cáo đợt 1.',
      percent: 50,
      dueId: task.dues[0].id,
      dueMet: true,
      reportedOn: '2023-10-29',
    });
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({ percent: 50, dueMet: true, reportedOn: '2023-10-29' });
    t.clock.set('2023-11-20T02:00:00Z');
    const after = await t.http().get(`/plans/${plan.body.id}/tasks/${task.id}`).set(auth(organizer.token));
    expect(after.body).toMatchObject({
      status: 'overdue',
      recordedStatus: 'in_progress',
      dues: [{ metAt: expect.any(String) }, { metAt: null }],
    });
    await post(`/plans/${plan.body.id}/tasks/${task.id}/progress`, { text: 'Hoàn thành.', status: 'done' }).expect(201);
    const done = await t.http().get(`/plans/${plan.body.id}/tasks/${task.id}`).set(auth(organizer.token));
    expect(done.body.status).toBe('done');
    const reports = await t.http().get(`/plans/${plan.body.id}/tasks/${task.id}/progress`).set(auth(organizer.token));
    expect(reports.body.items).toHaveLength(2);
    t.clock.set('2023-08-20T02:00:00Z');
  });

  it('refuses a self-contradicting due, a sub-task without its parent and bad fields, writing nothing', async () => {
    const contradiction = await post('/plans', {
      title: 'Kế hoạch lỗi',
      year: 2023,
      tasks: [{ number: '1', content: 'x', due: 'trước ngày 30/02/2023' }],
    });
    expect(contradiction.status).toBe(400);
    expect(contradiction.body).toMatchObject({
      code: 'DUE_UNREADABLE',
      errors: [{ rule: 'day', fragment: 'ngày 30/02/2023' }],
    });
    const orphan = await post('/plans', {
      title: 'Kế hoạch lỗi',
      year: 2023,
      tasks: [{ number: '4.1', content: 'x' }],
    });
    expect(orphan.body).toMatchObject({ status: 422, errors: [{ field: 'tasks[0].number', rule: 'parentMissing' }] });
    const badNumber = await post('/plans', {
      title: 'Kế hoạch lỗi',
      year: 2023,
      tasks: [{ number: '4..1', content: 'x' }],
    });
    expect(badNumber.body).toMatchObject({ status: 422, errors: [{ field: 'tasks[0].number', rule: 'taskNumber' }] });
    const unreadable = await post('/plans', {
      title: 'Kế hoạch lỗi',
      year: 2023,
      tasks: [{ number: '1', content: 'x', due: 'giữa năm 2023' }],
    });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.errors[0].fragment).toBeTruthy();
    const fields = await post('/plans', { title: '', year: 1800, timeZone: 'Mars/Base' });
    expect(fields.status).toBe(422);
    expect(fields.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['timeZone', 'title', 'year']);
    const unknownUnit = await post('/plans', {
      title: 'Kế hoạch lỗi',
      year: 2023,
      tasks: [{ number: '1', content: 'x', leadUnitIds: ['00000000-0000-4000-8000-000000000000'] }],
    });
    expect(unknownUnit.body).toMatchObject({
      status: 422,
      errors: [{ field: 'tasks[0].leadUnitIds[0]', rule: 'reference' }],
    });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM plan WHERE title = 'Kế hoạch lỗi'`);
    expect(n).toBe(0);
    const stranger = await apiUser(t, 'organizer');
    const plan = await post('/plans', { title: 'Kế hoạch riêng', year: 2023 });
    await t.http().get(`/plans/${plan.body.id}`).set(auth(stranger.token)).expect(404);
    await t.http().get('/plans/not-a-uuid').set(auth(organizer.token)).expect(404);
  });
});
