// Chinese and English labels of the demo's categorical values (problem types, subtypes, channels,
// regions, products, priorities). Events carry the ids; the UI shows these labels.

export interface Label { id: string; zh: string; en: string }
export interface SubtypeLabel extends Label { problem_type: string }

export const PROBLEM_TYPE_LABELS: readonly Label[] = [
  { id: 'return_exchange', zh: '退换货', en: 'Returns & exchanges' },
  { id: 'logistics', zh: '物流配送', en: 'Logistics' },
  { id: 'product_quality', zh: '产品质量', en: 'Product quality' },
  { id: 'installation', zh: '安装维修', en: 'Installation & repair' },
  { id: 'pre_sales', zh: '售前咨询', en: 'Pre-sales' },
  { id: 'complaint', zh: '投诉', en: 'Complaint' },
  { id: 'invoice', zh: '发票', en: 'Invoice' },
];

export const SUBTYPE_LABELS: readonly SubtypeLabel[] = [
  { id: 'no_reason_return', problem_type: 'return_exchange', zh: '七天无理由退货', en: '7-day no-reason return' },
  { id: 'exchange', problem_type: 'return_exchange', zh: '换货', en: 'Exchange' },
  { id: 'refund_status', problem_type: 'return_exchange', zh: '退款进度', en: 'Refund status' },
  { id: 'return_shipping_fee', problem_type: 'return_exchange', zh: '退货运费', en: 'Return shipping fee' },
  { id: 'delivery_delay', problem_type: 'logistics', zh: '物流延迟', en: 'Delivery delay' },
  { id: 'lost_parcel', problem_type: 'logistics', zh: '包裹丢失', en: 'Lost parcel' },
  { id: 'address_change', problem_type: 'logistics', zh: '修改地址', en: 'Address change' },
  { id: 'damaged_in_transit', problem_type: 'logistics', zh: '运输破损', en: 'Damaged in transit' },
  { id: 'does_not_power_on', problem_type: 'product_quality', zh: '无法开机', en: 'Does not power on' },
  { id: 'malfunction', problem_type: 'product_quality', zh: '功能故障', en: 'Malfunction' },
  { id: 'cosmetic_defect', problem_type: 'product_quality', zh: '外观瑕疵', en: 'Cosmetic defect' },
  { id: 'abnormal_noise', problem_type: 'product_quality', zh: '异响', en: 'Abnormal noise' },
  { id: 'install_booking', problem_type: 'installation', zh: '预约安装', en: 'Installation booking' },
  { id: 'onsite_repair', problem_type: 'installation', zh: '上门维修', en: 'On-site repair' },
  { id: 'install_fee', problem_type: 'installation', zh: '安装收费', en: 'Installation fee' },
  { id: 'install_quality', problem_type: 'installation', zh: '安装质量', en: 'Installation quality' },
  { id: 'product_info', problem_type: 'pre_sales', zh: '产品咨询', en: 'Product information' },
  { id: 'price_protection', problem_type: 'pre_sales', zh: '价格保护', en: 'Price protection' },
  { id: 'coupons', problem_type: 'pre_sales', zh: '优惠券', en: 'Coupons' },
  { id: 'stock_availability', problem_type: 'pre_sales', zh: '库存到货', en: 'Stock availability' },
  { id: 'service_attitude', problem_type: 'complaint', zh: '服务态度', en: 'Service attitude' },
  { id: 'slow_handling', problem_type: 'complaint', zh: '处理超时', en: 'Slow handling' },
  { id: 'misleading_ad', problem_type: 'complaint', zh: '虚假宣传', en: 'Misleading advertising' },
  { id: 'repeated_issue', problem_type: 'complaint', zh: '问题反复', en: 'Recurring problem' },
  { id: 'issue_invoice', problem_type: 'invoice', zh: '开具发票', en: 'Issue invoice' },
  { id: 'invoice_correction', problem_type: 'invoice', zh: '发票修改', en: 'Invoice correction' },
  { id: 'e_invoice', problem_type: 'invoice', zh: '电子发票', en: 'E-invoice' },
];

export const CHANNEL_LABELS: readonly Label[] = [
  { id: 'phone', zh: '电话', en: 'Phone' },
  { id: 'chat', zh: '在线客服', en: 'Live chat' },
  { id: 'web', zh: '网页工单', en: 'Web form' },
  { id: 'app', zh: '手机应用', en: 'App' },
  { id: 'wechat', zh: '微信', en: 'WeChat' },
  { id: 'email', zh: '邮件', en: 'Email' },
];

export const REGION_LABELS: readonly Label[] = [
  { id: 'east', zh: '华东', en: 'East China' },
  { id: 'south', zh: '华南', en: 'South China' },
  { id: 'north', zh: '华北', en: 'North China' },
  { id: 'central', zh: '华中', en: 'Central China' },
  { id: 'southwest', zh: '西南', en: 'Southwest China' },
  { id: 'northeast', zh: '东北', en: 'Northeast China' },
  { id: 'northwest', zh: '西北', en: 'Northwest China' },
  { id: 'hmt', zh: '港澳台', en: 'Hong Kong, Macao & Taiwan' },
];

export const PRODUCT_LABELS: readonly Label[] = [
  { id: 'air_conditioner', zh: '空调', en: 'Air conditioner' },
  { id: 'refrigerator', zh: '冰箱', en: 'Refrigerator' },
  { id: 'washing_machine', zh: '洗衣机', en: 'Washing machine' },
  { id: 'television', zh: '电视', en: 'Television' },
  { id: 'smartphone', zh: '手机', en: 'Smartphone' },
  { id: 'laptop', zh: '笔记本电脑', en: 'Laptop' },
  { id: 'earbuds', zh: '无线耳机', en: 'Wireless earbuds' },
  { id: 'robot_vacuum', zh: '扫地机器人', en: 'Robot vacuum' },
  { id: 'water_purifier', zh: '净水器', en: 'Water purifier' },
  { id: 'water_heater', zh: '热水器', en: 'Water heater' },
  { id: 'rice_cooker', zh: '电饭煲', en: 'Rice cooker' },
  { id: 'smartwatch', zh: '智能手表', en: 'Smartwatch' },
];

export const PRIORITY_LABELS: readonly Label[] = [
  { id: 'low', zh: '低', en: 'Low' },
  { id: 'normal', zh: '普通', en: 'Normal' },
  { id: 'high', zh: '高', en: 'High' },
  { id: 'urgent', zh: '紧急', en: 'Urgent' },
];

/** Every label list by the event field it labels. */
export const DEMO_LABELS = {
  problem_type: PROBLEM_TYPE_LABELS,
  problem_subtype: SUBTYPE_LABELS,
  channel: CHANNEL_LABELS,
  region: REGION_LABELS,
  product: PRODUCT_LABELS,
  priority: PRIORITY_LABELS,
} as const;
