// 中文字符串：书面意见所涉国家，以及关注国家。
import type { countryFollowEn } from './country-follow-en';

export const countryFollowZh: typeof countryFollowEn = {
  states: '意见所涉国家',
  statesHint: '可选。从列表中选择意见所涉及的每个国家（按住 Ctrl 键，在 Mac 上按住 Cmd 键，可选择多个）。',
  statesConcerned: '所涉国家',
  stateFilter: '所涉国家',
  inputTitle: (country: string) => `提及${country}的已发布意见`,
  inputNone: '尚无提及该国的已发布书面意见。',
  inputAll: '档案中提及该国的所有意见',
  follow: '关注此国家',
  unfollow: '取消关注此国家',
  following: '您已关注此国家：其活动以及审议其审查情况的建设性对话会出现在您的日历中。',
  signInToFollow: '登录以关注此国家',
  followed: '您关注的国家',
  followedNone: '您尚未关注任何国家：请在国家页面上点击“关注此国家”。',
  digestChoice: (country: string) => `${country}摘要`,
};
